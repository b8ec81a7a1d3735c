-- Item health (docs/syncing.md): what the daily check through /item/get and /institutions/get_by_id
-- found (the bank's last successful update of transactions, the institution's status, when each was
-- checked), when Sync now last asked Plaid for /transactions/refresh (at most once per 30 minutes),
-- and the webhook URL the item was told (link, or /item/webhook/update when the app's URL changes).
ALTER TABLE "plaid_connections" ADD COLUMN "bank_last_updated_at" TIMESTAMPTZ(6);
ALTER TABLE "plaid_connections" ADD COLUMN "health_checked_at" TIMESTAMPTZ(6);
ALTER TABLE "plaid_connections" ADD COLUMN "institution_status" TEXT;
ALTER TABLE "plaid_connections" ADD COLUMN "institution_status_checked_at" TIMESTAMPTZ(6);
ALTER TABLE "plaid_connections" ADD COLUMN "transactions_refreshed_at" TIMESTAMPTZ(6);
ALTER TABLE "plaid_connections" ADD COLUMN "webhook_url" TEXT;
ALTER TABLE "plaid_connections" ADD CONSTRAINT "chk_institution_status"
    CHECK ("institution_status" IN ('HEALTHY', 'DEGRADED', 'DOWN'));
