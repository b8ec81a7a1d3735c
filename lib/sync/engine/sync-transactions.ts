// The /transactions/sync loop for one connection: from the stored cursor, page after page (count up to
// 500), each page applied with its cursor in one database transaction (apply-page.ts) while the next
// page is already being fetched. When Plaid
// reports TRANSACTIONS_SYNC_MUTATION_DURING_PAGINATION the pagination restarts from its first cursor, up
// to three times in a run; the upserts are idempotent, so re-applying pages is safe.
import "server-only";
import type { TransactionsSyncResponse } from "plaid";
import { db } from "@/lib/db";
import { callPlaid, isPlaidError } from "@/lib/plaid/client";
import { getConnectionAccessToken } from "@/lib/plaid/connection-token";
import { ensureAccounts, loadAccountMap } from "./accounts";
import { applyTransactionsPage } from "./apply-page";
import { checkpoint, type RunProgress, type SyncRun } from "./sync-run";
import { toTransactionRows } from "./transaction-rows";

export const MAX_PAGE_SIZE = 500;
/** Restarts of a mutated pagination within one run; the next one fails the run, to be retried later. */
export const MAX_PAGINATION_RESTARTS = 3;
const MUTATION = "TRANSACTIONS_SYNC_MUTATION_DURING_PAGINATION";

/** Where the pagination a previous run left unfinished began (plaid_connections.metadata.transactions_sync). */
function unfinishedPaginationStart(metadata: unknown): { startCursor: string | null } | null {
  const stored = (metadata as { transactions_sync?: { start_cursor?: unknown } } | null)?.transactions_sync;
  if (!stored || typeof stored !== "object") return null;
  return { startCursor: typeof stored.start_cursor === "string" ? stored.start_cursor : null };
}

/**
 * Brings the connection's transactions up to Plaid's, recording progress on `run` (and its row).
 * Throws PlaidError (or the engine's own errors) with the pages committed so far kept: the cursor
 * stays with them, so the next run continues from there.
 */
export async function syncTransactions({
  connectionId,
  run,
  accessToken,
  pageSize = MAX_PAGE_SIZE,
}: {
  connectionId: string;
  run: SyncRun;
  /** Read from the connection when omitted. */
  accessToken?: string;
  /** 1 to 500; tests use small pages to get many of them. */
  pageSize?: number;
}): Promise<RunProgress> {
  const count = Math.min(MAX_PAGE_SIZE, Math.max(1, Math.trunc(pageSize)));
  const token = accessToken ?? (await getConnectionAccessToken({ connectionId }));
  const connection = await db.plaidConnection.findUniqueOrThrow({
    where: { id: connectionId },
    select: { transactionsCursor: true, metadata: true },
  });
  let storedCursor = connection.transactionsCursor;
  run.progress.cursorBefore = storedCursor;
  run.progress.cursorAfter = storedCursor;
  // A run that died mid-pagination left a mid-pagination cursor; a restart must go back to where that began.
  const unfinished = unfinishedPaginationStart(connection.metadata);
  const startCursor = unfinished ? unfinished.startCursor : storedCursor;
  const accountMap = await loadAccountMap({ connectionId });
  let requestCursor = storedCursor;
  let restarted = false;

  const fetchPage = (cursor: string | null): Promise<TransactionsSyncResponse> => {
    const request = callPlaid({ endpoint: "/transactions/sync", connectionId }, (api) =>
      api.transactionsSync({ access_token: token, cursor: cursor ?? undefined, count }),
    );
    // Handled here as well as where it is awaited: a page asked for ahead and then not needed (the run
    // stopped, a write failed) must not become an unhandled rejection.
    request.catch(() => {});
    return request;
  };

  let ahead: Promise<TransactionsSyncResponse> | null = null;
  for (;;) {
    await checkpoint(run);
    let page: TransactionsSyncResponse;
    try {
      page = await (ahead ?? fetchPage(requestCursor));
    } catch (error) {
      ahead = null;
      if (isPlaidError(error, MUTATION) && run.progress.restarts < MAX_PAGINATION_RESTARTS) {
        run.progress.restarts += 1;
        requestCursor = startCursor;
        restarted = true;
        continue;
      }
      throw error;
    }
    // The next page is asked for now, while this one is written: the bank's latency and the database's
    // work overlap instead of adding up. Cursors are Plaid's own, so asking ahead changes nothing there.
    ahead = page.has_more ? fetchPage(page.next_cursor) : null;

    const changed = [...page.added, ...page.modified];
    let mapped = toTransactionRows({ transactions: changed, accountIds: accountMap });
    if (mapped.unknownAccountIds.size > 0) {
      // An account added since the link (Link's update mode): create it from Plaid's description.
      const described = page.accounts.filter((account) => mapped.unknownAccountIds.has(account.account_id));
      if (await ensureAccounts({ connectionId, accountMap, accounts: described })) {
        mapped = toTransactionRows({ transactions: changed, accountIds: accountMap });
      }
    }
    const unknown = changed.filter((transaction) => !accountMap.has(transaction.account_id)).length;

    await applyTransactionsPage({
      connectionId,
      bankAccountIds: [...accountMap.values()],
      rows: mapped.rows,
      removedIds: page.removed.map((removed) => removed.transaction_id),
      cursor: { expected: storedCursor, next: page.next_cursor },
      pagination: { startCursor, done: !page.has_more, restarted },
      received: { processed: changed.length + page.removed.length, failed: mapped.invalid + unknown },
      run,
    });
    storedCursor = page.next_cursor;
    requestCursor = page.next_cursor;
    restarted = false;
    if (!page.has_more) return run.progress;
  }
}
