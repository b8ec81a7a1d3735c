-- Maintained sync statistics for the admin area, so its page never scans transaction_syncs: all-time
-- figures per connection and scope (one account, or the whole connection), and figures per UTC day.
-- Triggers on transaction_syncs keep both equal to its rows; rebuild_sync_stats() recomputes them.
-- Also plaid_connections.paused_at: an admin's pause, which the scheduler must honour.

ALTER TABLE "plaid_connections" ADD COLUMN "paused_at" TIMESTAMPTZ(6);

-- CreateTable
CREATE TABLE "sync_stats_totals" (
    "plaid_connection_id" UUID NOT NULL,
    "scope_id" UUID NOT NULL,
    "bank_account_id" UUID,
    "total" INTEGER NOT NULL DEFAULT 0,
    "successful" INTEGER NOT NULL DEFAULT 0,
    "failed" INTEGER NOT NULL DEFAULT 0,
    "partial" INTEGER NOT NULL DEFAULT 0,
    "cancelled" INTEGER NOT NULL DEFAULT 0,
    "duration_sum" DECIMAL(20,6) NOT NULL DEFAULT 0,
    "duration_count" INTEGER NOT NULL DEFAULT 0,
    "records_processed" BIGINT NOT NULL,
    "records_failed" BIGINT NOT NULL,
    "last_completed_at" TIMESTAMPTZ(6),
    "last_success_at" TIMESTAMPTZ(6),

    CONSTRAINT "sync_stats_totals_pkey" PRIMARY KEY ("plaid_connection_id", "scope_id")
);

-- CreateTable
CREATE TABLE "sync_stats_daily" (
    "day" DATE NOT NULL,
    "shard" INTEGER NOT NULL,
    "total" INTEGER NOT NULL DEFAULT 0,
    "successful" INTEGER NOT NULL DEFAULT 0,
    "failed" INTEGER NOT NULL DEFAULT 0,
    "partial" INTEGER NOT NULL DEFAULT 0,
    "cancelled" INTEGER NOT NULL DEFAULT 0,
    "duration_sum" DECIMAL(20,6) NOT NULL DEFAULT 0,
    "duration_count" INTEGER NOT NULL DEFAULT 0,
    "records_processed" BIGINT NOT NULL,
    "records_failed" BIGINT NOT NULL,

    CONSTRAINT "sync_stats_daily_pkey" PRIMARY KEY ("day", "shard")
);

-- CreateIndex
CREATE INDEX "idx_sync_stats_totals_account" ON "sync_stats_totals"("bank_account_id", "plaid_connection_id");

-- AddForeignKey
ALTER TABLE "sync_stats_totals" ADD CONSTRAINT "fk_sync_stats_totals_connection" FOREIGN KEY ("plaid_connection_id") REFERENCES "plaid_connections"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "sync_stats_totals" ADD CONSTRAINT "fk_sync_stats_totals_account" FOREIGN KEY ("bank_account_id", "plaid_connection_id") REFERENCES "bank_accounts"("id", "plaid_connection_id") ON DELETE CASCADE ON UPDATE CASCADE;

-- ---------------------------------------------------------------------------------------------------
-- Beyond Prisma's schema language.
-- ---------------------------------------------------------------------------------------------------

-- The scope is the account for an account-level sync and the connection itself for a connection-wide
-- one (bank_account_id NULL): a NOT NULL key where a plain UNIQUE over a nullable column would not work.
ALTER TABLE "sync_stats_totals"
    ADD CONSTRAINT "chk_sync_stats_totals_scope" CHECK ("scope_id" = COALESCE("bank_account_id", "plaid_connection_id")),
    ADD CONSTRAINT "chk_sync_stats_totals_counts" CHECK (
        "successful" >= 0 AND "failed" >= 0 AND "partial" >= 0 AND "cancelled" >= 0
        AND "total" = "successful" + "failed" + "partial" + "cancelled"
        AND "duration_count" BETWEEN 0 AND "total" AND "duration_sum" >= 0
        AND "records_processed" >= 0 AND "records_failed" >= 0);

-- A day's figures are spread over 16 rows by connection, so syncs finishing at the same moment rarely
-- wait on one another's row; a chart of 90 days sums 1,440 rows whatever the number of connections.
ALTER TABLE "sync_stats_daily"
    ADD CONSTRAINT "chk_sync_stats_daily_shard" CHECK ("shard" BETWEEN 0 AND 15),
    ADD CONSTRAINT "chk_sync_stats_daily_counts" CHECK (
        "successful" >= 0 AND "failed" >= 0 AND "partial" >= 0 AND "cancelled" >= 0
        AND "total" = "successful" + "failed" + "partial" + "cancelled"
        AND "duration_count" BETWEEN 0 AND "total" AND "duration_sum" >= 0
        AND "records_processed" >= 0 AND "records_failed" >= 0);

-- Syncs waiting to run, per connection: the admin area's "queued" counts and a retry's duplicate check
-- read these few rows instead of a connection's whole history.
CREATE INDEX "idx_transaction_syncs_pending" ON "transaction_syncs"("plaid_connection_id") WHERE "status" = 'pending';

-- The UTC day a finished sync counts on: when it completed (a cancelled sync may never have started).
CREATE FUNCTION sync_stats_day(completed_at timestamptz, started_at timestamptz, created_at timestamptz)
RETURNS date LANGUAGE sql IMMUTABLE AS $$
    SELECT (COALESCE(completed_at, started_at, created_at) AT TIME ZONE 'UTC')::date
$$;

CREATE FUNCTION sync_stats_shard(plaid_connection_id uuid) RETURNS integer LANGUAGE sql IMMUTABLE AS $$
    SELECT get_byte(uuid_send(plaid_connection_id), 15) & 15
$$;

-- Adds (direction 1) or removes (direction -1) a set of syncs; those not finished are ignored. Counters
-- move by exact deltas (durations summed as numeric, so adding and removing a sync cancels exactly).
-- The latest-completion stamps cannot be decremented: removing the sync that held one recomputes it
-- from that scope's remaining syncs. New figures go in key order, so concurrent writers queue on the
-- same rows in the same order instead of deadlocking.
CREATE FUNCTION apply_sync_stats(syncs transaction_syncs[], direction integer) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
    emptied_connections uuid[];
    emptied_scopes uuid[];
    stale_connections uuid[];
    stale_scopes uuid[];
    emptied_days date[];
    emptied_shards integer[];
BEGIN
    IF cardinality(syncs) = 0 THEN
        RETURN;
    END IF;

    IF direction > 0 THEN
        INSERT INTO sync_stats_totals AS s (
            plaid_connection_id, scope_id, bank_account_id, total, successful, failed, partial, cancelled,
            duration_sum, duration_count, records_processed, records_failed, last_completed_at, last_success_at)
        SELECT plaid_connection_id, COALESCE(bank_account_id, plaid_connection_id), bank_account_id, count(*),
            count(*) FILTER (WHERE status = 'success'), count(*) FILTER (WHERE status = 'failed'),
            count(*) FILTER (WHERE status = 'partial'), count(*) FILTER (WHERE status = 'cancelled'),
            COALESCE(sum(duration::numeric(20,6)), 0), count(duration), sum(records_processed), sum(records_failed),
            max(completed_at), max(completed_at) FILTER (WHERE status = 'success')
        FROM unnest(syncs)
        WHERE status IN ('success', 'failed', 'partial', 'cancelled')
        GROUP BY plaid_connection_id, bank_account_id
        ORDER BY 1, 2
        ON CONFLICT (plaid_connection_id, scope_id) DO UPDATE SET
            total = s.total + EXCLUDED.total,
            successful = s.successful + EXCLUDED.successful,
            failed = s.failed + EXCLUDED.failed,
            partial = s.partial + EXCLUDED.partial,
            cancelled = s.cancelled + EXCLUDED.cancelled,
            duration_sum = s.duration_sum + EXCLUDED.duration_sum,
            duration_count = s.duration_count + EXCLUDED.duration_count,
            records_processed = s.records_processed + EXCLUDED.records_processed,
            records_failed = s.records_failed + EXCLUDED.records_failed,
            -- GREATEST ignores NULLs.
            last_completed_at = GREATEST(s.last_completed_at, EXCLUDED.last_completed_at),
            last_success_at = GREATEST(s.last_success_at, EXCLUDED.last_success_at);

        INSERT INTO sync_stats_daily AS s (
            day, shard, total, successful, failed, partial, cancelled,
            duration_sum, duration_count, records_processed, records_failed)
        SELECT sync_stats_day(completed_at, started_at, created_at), sync_stats_shard(plaid_connection_id), count(*),
            count(*) FILTER (WHERE status = 'success'), count(*) FILTER (WHERE status = 'failed'),
            count(*) FILTER (WHERE status = 'partial'), count(*) FILTER (WHERE status = 'cancelled'),
            COALESCE(sum(duration::numeric(20,6)), 0), count(duration), sum(records_processed), sum(records_failed)
        FROM unnest(syncs)
        WHERE status IN ('success', 'failed', 'partial', 'cancelled')
        GROUP BY 1, 2
        ORDER BY 1, 2
        ON CONFLICT (day, shard) DO UPDATE SET
            total = s.total + EXCLUDED.total,
            successful = s.successful + EXCLUDED.successful,
            failed = s.failed + EXCLUDED.failed,
            partial = s.partial + EXCLUDED.partial,
            cancelled = s.cancelled + EXCLUDED.cancelled,
            duration_sum = s.duration_sum + EXCLUDED.duration_sum,
            duration_count = s.duration_count + EXCLUDED.duration_count,
            records_processed = s.records_processed + EXCLUDED.records_processed,
            records_failed = s.records_failed + EXCLUDED.records_failed;
        RETURN;
    END IF;

    -- Removal only ever UPDATEs: when a connection or account is deleted its totals rows may already be
    -- gone through their own cascade, and there is then nothing left to correct. The daily rows belong
    -- to no connection: a cascaded delete of syncs subtracts from them here.
    WITH gone AS (
        SELECT plaid_connection_id, COALESCE(bank_account_id, plaid_connection_id) AS scope_id, count(*) AS total,
            count(*) FILTER (WHERE status = 'success') AS successful, count(*) FILTER (WHERE status = 'failed') AS failed,
            count(*) FILTER (WHERE status = 'partial') AS partial, count(*) FILTER (WHERE status = 'cancelled') AS cancelled,
            COALESCE(sum(duration::numeric(20,6)), 0) AS duration_sum, count(duration) AS duration_count,
            sum(records_processed) AS records_processed, sum(records_failed) AS records_failed,
            max(completed_at) AS last_completed_at, max(completed_at) FILTER (WHERE status = 'success') AS last_success_at
        FROM unnest(syncs)
        WHERE status IN ('success', 'failed', 'partial', 'cancelled')
        GROUP BY plaid_connection_id, bank_account_id
    ), changed AS (
        UPDATE sync_stats_totals s SET
            total = s.total - g.total,
            successful = s.successful - g.successful,
            failed = s.failed - g.failed,
            partial = s.partial - g.partial,
            cancelled = s.cancelled - g.cancelled,
            duration_sum = s.duration_sum - g.duration_sum,
            duration_count = s.duration_count - g.duration_count,
            records_processed = s.records_processed - g.records_processed,
            records_failed = s.records_failed - g.records_failed
        FROM gone g
        WHERE s.plaid_connection_id = g.plaid_connection_id AND s.scope_id = g.scope_id
        RETURNING s.plaid_connection_id, s.scope_id, s.total,
            (g.last_completed_at >= s.last_completed_at OR g.last_success_at >= s.last_success_at) AS stale
    )
    SELECT array_agg(plaid_connection_id) FILTER (WHERE total = 0), array_agg(scope_id) FILTER (WHERE total = 0),
           array_agg(plaid_connection_id) FILTER (WHERE total > 0 AND stale),
           array_agg(scope_id) FILTER (WHERE total > 0 AND stale)
    INTO emptied_connections, emptied_scopes, stale_connections, stale_scopes
    FROM changed;

    DELETE FROM sync_stats_totals s
    USING unnest(emptied_connections, emptied_scopes) AS e(connection_id, scope_id)
    WHERE s.plaid_connection_id = e.connection_id AND s.scope_id = e.scope_id;

    -- An AFTER trigger sees its statement's effect: the removed versions are no longer there.
    UPDATE sync_stats_totals t SET (last_completed_at, last_success_at) = (
        SELECT max(ts.completed_at), max(ts.completed_at) FILTER (WHERE ts.status = 'success')
        FROM transaction_syncs ts
        WHERE ts.plaid_connection_id = t.plaid_connection_id
          AND ts.status IN ('success', 'failed', 'partial', 'cancelled')
          AND CASE WHEN t.bank_account_id IS NULL THEN ts.bank_account_id IS NULL
                   ELSE ts.bank_account_id = t.bank_account_id END)
    FROM unnest(stale_connections, stale_scopes) AS e(connection_id, scope_id)
    WHERE t.plaid_connection_id = e.connection_id AND t.scope_id = e.scope_id;

    WITH gone AS (
        SELECT sync_stats_day(completed_at, started_at, created_at) AS day, sync_stats_shard(plaid_connection_id) AS shard,
            count(*) AS total, count(*) FILTER (WHERE status = 'success') AS successful,
            count(*) FILTER (WHERE status = 'failed') AS failed, count(*) FILTER (WHERE status = 'partial') AS partial,
            count(*) FILTER (WHERE status = 'cancelled') AS cancelled,
            COALESCE(sum(duration::numeric(20,6)), 0) AS duration_sum, count(duration) AS duration_count,
            sum(records_processed) AS records_processed, sum(records_failed) AS records_failed
        FROM unnest(syncs)
        WHERE status IN ('success', 'failed', 'partial', 'cancelled')
        GROUP BY 1, 2
    ), changed AS (
        UPDATE sync_stats_daily s SET
            total = s.total - g.total,
            successful = s.successful - g.successful,
            failed = s.failed - g.failed,
            partial = s.partial - g.partial,
            cancelled = s.cancelled - g.cancelled,
            duration_sum = s.duration_sum - g.duration_sum,
            duration_count = s.duration_count - g.duration_count,
            records_processed = s.records_processed - g.records_processed,
            records_failed = s.records_failed - g.records_failed
        FROM gone g
        WHERE s.day = g.day AND s.shard = g.shard
        RETURNING s.day, s.shard, s.total
    )
    SELECT array_agg(day) FILTER (WHERE total = 0), array_agg(shard) FILTER (WHERE total = 0)
    INTO emptied_days, emptied_shards
    FROM changed;

    DELETE FROM sync_stats_daily s
    USING unnest(emptied_days, emptied_shards) AS e(day, shard)
    WHERE s.day = e.day AND s.shard = e.shard;
END;
$$;

-- Statement-level, with the changed rows as transition tables: a statement touching many syncs (a bulk
-- insert, a connection's cascaded delete) updates each aggregate row once, not once per sync. A sync
-- counts once it has finished (success, failed, partial, cancelled).
CREATE FUNCTION sync_stats_after_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM apply_sync_stats(ARRAY(SELECT n::transaction_syncs FROM new_syncs n), 1);
    RETURN NULL;
END;
$$;

CREATE FUNCTION sync_stats_after_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM apply_sync_stats(ARRAY(SELECT o::transaction_syncs FROM old_syncs o), -1);
    RETURN NULL;
END;
$$;

-- An update removes the old version's contribution and adds the new one's, so a status change, a
-- correction of a finished sync (success to failed) or a move to another day counts exactly once.
-- Updates that touch nothing counted (metadata, retry_after, updated_at) are skipped; ids never change.
CREATE FUNCTION sync_stats_after_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM apply_sync_stats(ARRAY(
        SELECT o::transaction_syncs FROM old_syncs o JOIN new_syncs n ON n.id = o.id
        WHERE (o.status, o.plaid_connection_id, o.bank_account_id, o.completed_at, o.started_at, o.created_at,
               o.duration, o.records_processed, o.records_failed)
              IS DISTINCT FROM
              (n.status, n.plaid_connection_id, n.bank_account_id, n.completed_at, n.started_at, n.created_at,
               n.duration, n.records_processed, n.records_failed)), -1);
    PERFORM apply_sync_stats(ARRAY(
        SELECT n::transaction_syncs FROM new_syncs n JOIN old_syncs o ON o.id = n.id
        WHERE (o.status, o.plaid_connection_id, o.bank_account_id, o.completed_at, o.started_at, o.created_at,
               o.duration, o.records_processed, o.records_failed)
              IS DISTINCT FROM
              (n.status, n.plaid_connection_id, n.bank_account_id, n.completed_at, n.started_at, n.created_at,
               n.duration, n.records_processed, n.records_failed)), 1);
    RETURN NULL;
END;
$$;

CREATE TRIGGER sync_stats_insert_trigger AFTER INSERT ON "transaction_syncs"
    REFERENCING NEW TABLE AS new_syncs FOR EACH STATEMENT EXECUTE FUNCTION sync_stats_after_insert();
CREATE TRIGGER sync_stats_update_trigger AFTER UPDATE ON "transaction_syncs"
    REFERENCING OLD TABLE AS old_syncs NEW TABLE AS new_syncs FOR EACH STATEMENT EXECUTE FUNCTION sync_stats_after_update();
CREATE TRIGGER sync_stats_delete_trigger AFTER DELETE ON "transaction_syncs"
    REFERENCING OLD TABLE AS old_syncs FOR EACH STATEMENT EXECUTE FUNCTION sync_stats_after_delete();

-- Recomputes both tables from transaction_syncs: the backfill below, and a repair should they ever be
-- suspected of drifting. Holds off writers of transaction_syncs until the transaction ends.
CREATE FUNCTION rebuild_sync_stats() RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    LOCK TABLE transaction_syncs IN SHARE ROW EXCLUSIVE MODE;
    DELETE FROM sync_stats_totals;
    DELETE FROM sync_stats_daily;

    INSERT INTO sync_stats_totals (
        plaid_connection_id, scope_id, bank_account_id, total, successful, failed, partial, cancelled,
        duration_sum, duration_count, records_processed, records_failed, last_completed_at, last_success_at)
    SELECT
        plaid_connection_id, COALESCE(bank_account_id, plaid_connection_id), bank_account_id, count(*),
        count(*) FILTER (WHERE status = 'success'), count(*) FILTER (WHERE status = 'failed'),
        count(*) FILTER (WHERE status = 'partial'), count(*) FILTER (WHERE status = 'cancelled'),
        COALESCE(sum(duration::numeric(20,6)), 0), count(duration),
        sum(records_processed), sum(records_failed),
        max(completed_at), max(completed_at) FILTER (WHERE status = 'success')
    FROM transaction_syncs
    WHERE status IN ('success', 'failed', 'partial', 'cancelled')
    GROUP BY plaid_connection_id, bank_account_id;

    INSERT INTO sync_stats_daily (
        day, shard, total, successful, failed, partial, cancelled,
        duration_sum, duration_count, records_processed, records_failed)
    SELECT
        sync_stats_day(completed_at, started_at, created_at), sync_stats_shard(plaid_connection_id), count(*),
        count(*) FILTER (WHERE status = 'success'), count(*) FILTER (WHERE status = 'failed'),
        count(*) FILTER (WHERE status = 'partial'), count(*) FILTER (WHERE status = 'cancelled'),
        COALESCE(sum(duration::numeric(20,6)), 0), count(duration),
        sum(records_processed), sum(records_failed)
    FROM transaction_syncs
    WHERE status IN ('success', 'failed', 'partial', 'cancelled')
    GROUP BY 1, 2;
END;
$$;

-- Backfill from the syncs already recorded.
SELECT rebuild_sync_stats();
