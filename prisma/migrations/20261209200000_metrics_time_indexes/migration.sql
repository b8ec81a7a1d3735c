-- Time indexes for /api/metrics (lib/metrics/figures.ts): a scrape reads only the rows that arrived in
-- the last two hours (and those settled since the previous scrape), never the whole history. Plaid calls
-- and alert attempts already have their created_at indexes.

-- Finished runs by when they finished (SQL-only: a partial index).
CREATE INDEX "idx_transaction_syncs_finished_completed" ON "transaction_syncs"("completed_at")
    WHERE "status" IN ('success', 'failed', 'partial', 'cancelled');

-- Verified webhooks by when they arrived.
CREATE INDEX "idx_plaid_webhook_events_received_at" ON "plaid_webhook_events"("received_at");
