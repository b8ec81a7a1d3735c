-- When an item's access consent expires, as /item/get's item.consent_expiration_time reports it: NULL
-- for an item whose consent does not expire (US and Canadian banks), set by
-- /emulator/items/fire_webhook's PENDING_EXPIRATION and pushed out again when Link's update mode renews
-- the consent.
ALTER TABLE plaid_emulator.items ADD COLUMN IF NOT EXISTS "consent_expiration_time" TIMESTAMPTZ(6);
