// One /transactions/sync page applied in one database transaction, with a fixed handful of
// statements whatever the page size: lock the connection and check the cursor (compare-and-set), one
// multi-row upsert, one delete, then the new cursor and the run's progress together. The cursor thus
// moves only with the data it covers, and two runs can never interleave their pages.
//
// A pagination that had to restart from its first cursor (TRANSACTIONS_SYNC_MUTATION_DURING_PAGINATION,
// in this run or after a crash) is answered by Plaid as the net change since that cursor, which omits
// transactions added and removed again meanwhile; the pages committed before the restart may hold such
// a transaction. So the pagination's start is kept in plaid_connections.metadata.transactions_sync, and
// when a restarted pagination completes, rows its aborted pages touched and the restart did not touch
// again are deleted ("sweep"). Upserts always rewrite updated_at, which is what tells them apart.
import "server-only";
import { db, type Prisma } from "@/lib/db";
import type { SyncCounts } from "@/lib/sync/sync-record";
import { type SyncRun, SyncRunLostError, SyncSupersededError } from "./sync-run";
import { idsToDelete, type TransactionRow, toColumnArrays } from "./transaction-rows";

export type PaginationState = {
  /** The cursor the pagination began from, where a restart goes back to. */
  startCursor: string | null;
  /** The page is the pagination's last (has_more false). */
  done: boolean;
  /** The page is the first after a restart from startCursor. */
  restarted: boolean;
};

/** What plaid_connections.metadata.transactions_sync holds while a pagination is under way. */
type StoredPagination = { start_cursor: string | null; started_at: string; restarted_at: string | null };

export type PageResult = { inserted: number; updated: number; deleted: number; conflicts: number };

const TRANSACTION_OPTIONS = { timeout: 60_000, maxWait: 60_000 };

export async function applyTransactionsPage({
  connectionId,
  bankAccountIds,
  rows,
  removedIds,
  cursor,
  pagination = { startCursor: cursor.expected, done: true, restarted: false },
  received,
  run,
}: {
  connectionId: string;
  /** Every bank_accounts.id of the connection: writes never reach another connection's rows. */
  bankAccountIds: string[];
  rows: TransactionRow[];
  removedIds: string[];
  /** The stored cursor this page follows, and the one it leads to. */
  cursor: { expected: string | null; next: string };
  pagination?: PaginationState;
  /** Records Plaid sent in the page, and those already set aside as failed (unknown account, bad data). */
  received: { processed: number; failed: number };
  run: SyncRun;
}): Promise<PageResult> {
  const { result, counts } = await db.$transaction(async (tx) => {
    const [connection] = await tx.$queryRaw<{ cursor: string | null; stored: StoredPagination | null; now: string }[]>`
      SELECT transactions_cursor AS cursor, metadata->'transactions_sync' AS stored, to_jsonb(now()) #>> '{}' AS now
      FROM plaid_connections WHERE id = ${connectionId}::uuid FOR UPDATE`;
    if (!connection) throw new SyncRunLostError(run.syncId ?? connectionId);
    if (connection.cursor !== cursor.expected) throw new SyncSupersededError();

    const { inserted, updated } = await upsertRows(tx, rows, bankAccountIds);
    const deleteIds = idsToDelete({ removed: removedIds, rows });
    let deleted =
      deleteIds.length === 0
        ? 0
        : await tx.$executeRaw`DELETE FROM transactions
            WHERE transaction_id = ANY(${deleteIds}::text[]) AND bank_account_id = ANY(${bankAccountIds}::uuid[])`;

    const stored = connection.stored;
    const restartedAt = pagination.restarted ? connection.now : (stored?.restarted_at ?? null);
    if (pagination.done && stored && restartedAt) {
      deleted += await tx.$executeRaw`DELETE FROM transactions
        WHERE bank_account_id = ANY(${bankAccountIds}::uuid[])
          AND updated_at >= ${stored.started_at}::timestamptz AND updated_at < ${restartedAt}::timestamptz`;
    }
    const nextStored: StoredPagination | null = pagination.done
      ? null
      : {
          start_cursor: pagination.startCursor,
          started_at: stored?.started_at ?? connection.now,
          restarted_at: restartedAt,
        };

    const conflicts = rows.length - inserted - updated;
    const page: SyncCounts = {
      processed: received.processed,
      added: inserted,
      updated,
      deleted,
      failed: received.failed + conflicts,
    };
    const counts = addCounts(run.progress.counts, page);
    const context = {
      pages: run.progress.pages + 1,
      restarts: run.progress.restarts,
      cursor_before: run.progress.cursorBefore,
      cursor_after: cursor.next,
    };
    const [written] = await tx.$queryRaw<{ runs: number }[]>`
      WITH conn AS (
        UPDATE plaid_connections SET transactions_cursor = ${cursor.next},
          metadata = CASE WHEN ${json(nextStored)}::jsonb IS NULL THEN metadata - 'transactions_sync'
                          ELSE jsonb_set(metadata, '{transactions_sync}', ${json(nextStored)}::jsonb) END
        WHERE id = ${connectionId}::uuid
        RETURNING id
      ), run AS (
        UPDATE transaction_syncs SET
          records_processed = ${counts.processed}, records_added = ${counts.added},
          records_updated = ${counts.updated}, records_deleted = ${counts.deleted},
          records_failed = ${counts.failed}, context = context || ${JSON.stringify(context)}::jsonb
        WHERE id = ${run.syncId}::uuid AND status = 'in_progress'
          AND (${run.workerId}::text IS NULL OR worker_id = ${run.workerId}::text)
        RETURNING id
      )
      SELECT (SELECT count(*) FROM run)::int AS runs, (SELECT count(*) FROM conn)::int AS connections`;
    // A reaped run must not commit more pages: the worker that re-runs the connection owns it now.
    if (run.syncId && written?.runs !== 1) throw new SyncRunLostError(run.syncId);
    return { result: { inserted, updated, deleted, conflicts }, counts };
  }, TRANSACTION_OPTIONS);

  run.progress.counts = counts;
  run.progress.pages += 1;
  run.progress.cursorAfter = cursor.next;
  return result;
}

/**
 * One INSERT … SELECT FROM unnest(…) ON CONFLICT for the page's rows. `xmax = 0` tells a fresh insert
 * from an update. A transaction_id held by another connection's account is neither inserted nor
 * changed (the WHERE on DO UPDATE) and comes back in neither count: the caller counts it as failed.
 */
async function upsertRows(
  tx: Prisma.TransactionClient,
  rows: TransactionRow[],
  bankAccountIds: string[],
): Promise<{ inserted: number; updated: number }> {
  if (rows.length === 0) return { inserted: 0, updated: 0 };
  const c = toColumnArrays(rows);
  const [counts] = await tx.$queryRaw<{ inserted: number; updated: number }[]>`
    WITH up AS (
      INSERT INTO transactions (bank_account_id, transaction_id, amount, iso_currency_code, date, authorized_date,
        name, merchant_name, pending, pending_transaction_id, category_primary, category_detailed, payment_channel)
      SELECT * FROM unnest(${c.bankAccountIds}::uuid[], ${c.transactionIds}::text[], ${c.amounts}::numeric[],
        ${c.currencies}::text[], ${c.dates}::date[], ${c.authorizedDates}::date[], ${c.names}::text[],
        ${c.merchantNames}::text[], ${c.pendings}::boolean[], ${c.pendingTransactionIds}::text[],
        ${c.categoryPrimaries}::text[], ${c.categoryDetails}::text[], ${c.paymentChannels}::text[])
      ON CONFLICT (transaction_id) DO UPDATE SET
        bank_account_id = excluded.bank_account_id, amount = excluded.amount,
        iso_currency_code = excluded.iso_currency_code, date = excluded.date,
        authorized_date = excluded.authorized_date, name = excluded.name, merchant_name = excluded.merchant_name,
        pending = excluded.pending, pending_transaction_id = excluded.pending_transaction_id,
        category_primary = excluded.category_primary, category_detailed = excluded.category_detailed,
        payment_channel = excluded.payment_channel
      WHERE transactions.bank_account_id = ANY(${bankAccountIds}::uuid[])
      RETURNING (xmax = 0) AS inserted
    )
    SELECT (count(*) FILTER (WHERE inserted))::int AS inserted, (count(*) FILTER (WHERE NOT inserted))::int AS updated
    FROM up`;
  return counts ?? { inserted: 0, updated: 0 };
}

function json(value: object | null): string | null {
  return value === null ? null : JSON.stringify(value);
}

export function addCounts(a: SyncCounts, b: SyncCounts): SyncCounts {
  return {
    processed: a.processed + b.processed,
    added: a.added + b.added,
    updated: a.updated + b.updated,
    deleted: a.deleted + b.deleted,
    failed: a.failed + b.failed,
  };
}
