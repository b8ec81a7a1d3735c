-- Sync engine (issue 4): a lease per connection, so at most one sync of a connection runs at a time
-- across every worker process, and a heartbeat per running sync, so a run whose worker died is found,
-- marked failed and retried.

ALTER TABLE "plaid_connections" ADD COLUMN "sync_lease_owner" TEXT;
ALTER TABLE "plaid_connections" ADD COLUMN "sync_lease_expires_at" TIMESTAMPTZ(6);

ALTER TABLE "transaction_syncs" ADD COLUMN "worker_id" TEXT;
ALTER TABLE "transaction_syncs" ADD COLUMN "heartbeat_at" TIMESTAMPTZ(6);

-- The reaper's question, "which running syncs have gone quiet?", reads only running rows.
CREATE INDEX "idx_transaction_syncs_running_heartbeat" ON "transaction_syncs"("heartbeat_at")
    WHERE "status" = 'in_progress';
