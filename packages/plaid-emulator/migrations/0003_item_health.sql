-- Item health as /item/get reports it: when the bank last gave Plaid the item's data, and when the
-- item's consent expires; and each institution's status for /institutions/get_by_id include_status.
-- IF NOT EXISTS: the consent column may also come from another migration (fire_webhook's).
ALTER TABLE plaid_emulator.items ADD COLUMN IF NOT EXISTS "last_successful_update" TIMESTAMPTZ(6);
ALTER TABLE plaid_emulator.items ADD COLUMN IF NOT EXISTS "consent_expiration_time" TIMESTAMPTZ(6);

-- Institutions without a row are HEALTHY since the emulator started.
CREATE TABLE IF NOT EXISTS plaid_emulator.institution_status (
    "institution_id" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "last_status_change" TIMESTAMPTZ(6) NOT NULL,

    CONSTRAINT "plaid_emulator_institution_status_pkey" PRIMARY KEY ("institution_id"),
    CONSTRAINT "plaid_emulator_institution_status_status" CHECK ("status" IN ('HEALTHY', 'DEGRADED', 'DOWN'))
);
