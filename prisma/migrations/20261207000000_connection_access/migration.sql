-- When a connection's access to the bank ends, as Plaid reports it: the consent's expiry (/item/get's
-- consent_expiration_time, or a PENDING_EXPIRATION webhook) and a pending disconnect's date
-- (PENDING_DISCONNECT). Both are NULL when nothing is due to end. Read by the "access ends" banner and
-- the connection-expiring alert; written by the item webhooks and the item health check.
ALTER TABLE "plaid_connections" ADD COLUMN "consent_expires_at" TIMESTAMPTZ(6);
ALTER TABLE "plaid_connections" ADD COLUMN "access_ends_at" TIMESTAMPTZ(6);
