-- A successful sync stamps last_sync_at on its account (every account of the connection when the sync
-- is connection-wide) and on its connection. The first version did it with row-level triggers and an
-- index on each last_sync_at: every sync rewrote its connection's and accounts' rows with new entries
-- in all their indexes (no HOT update is possible when an indexed column changes), so a busy install
-- bloats both tables faster than autovacuum reclaims them (a million syncs left 2,000 connections in
-- 175 MB and 4,000 accounts in 280 MB), and every admin page scan read all of it.
--
-- Now: no index on last_sync_at (nothing searches by it; the scheduler's due index covers the sync
-- loop), free space on each page (fillfactor 80) so the stamp is a HOT update in place that page
-- pruning reclaims, and statement-level triggers that stamp each row once per statement however many
-- syncs it writes. Same rules as before: only success with a completed_at, never backwards.
DROP TRIGGER "update_account_last_sync_trigger" ON "transaction_syncs";
DROP TRIGGER "update_connection_last_sync_trigger" ON "transaction_syncs";
DROP FUNCTION update_account_last_sync();
DROP FUNCTION update_connection_last_sync();

DROP INDEX "idx_plaid_connections_last_sync_at";
DROP INDEX "idx_bank_accounts_last_sync_at";
ALTER TABLE "plaid_connections" SET (fillfactor = 80);
ALTER TABLE "bank_accounts" SET (fillfactor = 80);

-- Stamps the connections and accounts of these successful syncs with their latest completed_at.
CREATE FUNCTION stamp_last_sync(syncs transaction_syncs[]) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    IF cardinality(syncs) = 0 THEN
        RETURN;
    END IF;

    UPDATE plaid_connections pc SET last_sync_at = s.completed_at
    FROM (
        SELECT u.plaid_connection_id, max(u.completed_at) AS completed_at
        FROM unnest(syncs) u GROUP BY u.plaid_connection_id
    ) s
    WHERE pc.id = s.plaid_connection_id AND (pc.last_sync_at IS NULL OR pc.last_sync_at < s.completed_at);

    UPDATE bank_accounts ba SET last_sync_at = s.completed_at
    FROM (
        SELECT t.id, max(t.completed_at) AS completed_at
        FROM (
            SELECT u.bank_account_id AS id, u.completed_at
            FROM unnest(syncs) u WHERE u.bank_account_id IS NOT NULL
            UNION ALL
            SELECT a.id, w.completed_at
            FROM (
                SELECT u.plaid_connection_id, max(u.completed_at) AS completed_at
                FROM unnest(syncs) u WHERE u.bank_account_id IS NULL GROUP BY u.plaid_connection_id
            ) w
            JOIN bank_accounts a ON a.plaid_connection_id = w.plaid_connection_id
        ) t
        GROUP BY t.id
    ) s
    WHERE ba.id = s.id AND (ba.last_sync_at IS NULL OR ba.last_sync_at < s.completed_at);
END;
$$;

CREATE FUNCTION last_sync_after_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM stamp_last_sync(ARRAY(
        SELECT n::transaction_syncs FROM new_syncs n WHERE n.status = 'success' AND n.completed_at IS NOT NULL));
    RETURN NULL;
END;
$$;

-- Only syncs that became successful or whose completion moved: heartbeats and other updates of a
-- running sync touch neither table.
CREATE FUNCTION last_sync_after_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM stamp_last_sync(ARRAY(
        SELECT n::transaction_syncs FROM new_syncs n JOIN old_syncs o ON o.id = n.id
        WHERE n.status = 'success' AND n.completed_at IS NOT NULL
          AND (o.status IS DISTINCT FROM 'success' OR o.completed_at IS DISTINCT FROM n.completed_at)));
    RETURN NULL;
END;
$$;

CREATE TRIGGER last_sync_insert_trigger AFTER INSERT ON "transaction_syncs"
    REFERENCING NEW TABLE AS new_syncs FOR EACH STATEMENT EXECUTE FUNCTION last_sync_after_insert();
CREATE TRIGGER last_sync_update_trigger AFTER UPDATE ON "transaction_syncs"
    REFERENCING OLD TABLE AS old_syncs NEW TABLE AS new_syncs FOR EACH STATEMENT EXECUTE FUNCTION last_sync_after_update();

-- The sync statistics aggregates (a few rows per connection, rewritten by every finished sync) get the
-- same room, so their updates stay HOT and the tables stay a few pages long.
ALTER TABLE "sync_stats_totals" SET (fillfactor = 50);
ALTER TABLE "sync_stats_daily" SET (fillfactor = 50);
