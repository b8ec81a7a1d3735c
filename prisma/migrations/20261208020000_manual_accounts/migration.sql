-- Manual accounts (issue item 5): an account a person adds by hand has no Plaid connection, so
-- bank_accounts.plaid_connection_id becomes nullable. The rule "manual = no connection" is a CHECK: a row
-- without a connection is a manual account and its account_id is 'manual-' || id, so it stays unique and
-- can never be taken for a Plaid account. Syncs load accounts by connection, so manual ones never sync;
-- the composite foreign key to plaid_connections is not checked when the connection is NULL.
ALTER TABLE "bank_accounts" ALTER COLUMN "plaid_connection_id" DROP NOT NULL;
ALTER TABLE "bank_accounts" ADD CONSTRAINT "chk_bank_accounts_manual"
    CHECK ("plaid_connection_id" IS NOT NULL OR "account_id" = 'manual-' || "id"::text);

-- The views joined plaid_connections; a manual account has none and must still appear.
CREATE OR REPLACE VIEW active_bank_accounts AS
SELECT
    ba.id, ba.user_id, ba.plaid_connection_id, ba.account_id, ba.name, ba.mask,
    ba.type, ba.subtype, ba.account_type, ba.status, ba.verification_status,
    ba.current_balance, ba.available_balance, ba.credit_limit, ba.iso_currency_code,
    ba.last_sync_at, pc.institution_name, pc.institution_logo, pc.sync_frequency,
    pc.is_active AS connection_active, ab.amount AS latest_balance, ab.as_of_date AS balance_date
FROM bank_accounts ba
LEFT JOIN plaid_connections pc ON ba.plaid_connection_id = pc.id
LEFT JOIN account_balances ab
    ON ab.bank_account_id = ba.id AND ab.balance_type = 'current' AND ab.is_current
WHERE ba.is_active AND (ba.plaid_connection_id IS NULL OR pc.is_active);

CREATE OR REPLACE VIEW sync_statistics AS
SELECT
    ba.id AS bank_account_id, ba.name AS account_name, pc.institution_name,
    COUNT(ts.id) AS total_syncs,
    COUNT(ts.id) FILTER (WHERE ts.status = 'success') AS successful_syncs,
    COUNT(ts.id) FILTER (WHERE ts.status = 'failed') AS failed_syncs,
    AVG(ts.duration) AS avg_sync_duration,
    MAX(ts.completed_at) FILTER (WHERE ts.status = 'success') AS last_sync_at,
    COALESCE(SUM(ts.records_processed), 0) AS total_records_processed,
    COALESCE(SUM(ts.records_failed), 0) AS total_records_failed
FROM bank_accounts ba
LEFT JOIN plaid_connections pc ON ba.plaid_connection_id = pc.id
LEFT JOIN transaction_syncs ts
    ON ts.plaid_connection_id = ba.plaid_connection_id
   AND (ts.bank_account_id = ba.id OR ts.bank_account_id IS NULL)
GROUP BY ba.id, ba.name, pc.institution_name;
