// One sync run, start to finish, for a run row the queue has claimed (status in_progress, worker_id,
// started_at, heartbeat_at set by claimSync): the connection's transactions, then its balances, then
// the run recorded and the connection rescheduled. Every failure is recorded on the run and returned,
// never thrown; only a failure to record it (the database gone) throws.
import "server-only";
import {
  type HistoryRebuild,
  type LiabilitiesRefresh,
  rebuildConnectionHistory,
  refreshLiabilities,
} from "@/lib/accounts";
import { db, type Prisma } from "@/lib/db";
import { log } from "@/lib/log";
import { notifyConnectionAlerts } from "@/lib/notifications";
import { getConnectionAccessToken } from "@/lib/plaid/connection-token";
import { classifySyncError, type SyncFailure } from "./classify-error";
import { finishRun, lostOutcome, type SyncOutcome } from "./finish-run";
import { type BalanceRefresh, refreshBalances } from "./refresh-balances";
import { checkpoint, createSyncRun, type SyncRun } from "./sync-run";
import { syncTransactions } from "./sync-transactions";

export type ExecuteSyncInput = {
  syncId: string;
  /** Must equal the run row's worker_id: a run reaped and claimed by another worker is left alone. */
  workerId: string;
  /** Renews the lease and the run's heartbeat_at; called between pages. A throw stops the run (LEASE_LOST). */
  heartbeat: () => Promise<void>;
  /** Aborted on shutdown: the run stops between pages, is recorded as WORKER_STOPPED and retried at once. */
  signal?: AbortSignal;
  /** Page size for /transactions/sync (default and maximum 500). */
  pageSize?: number;
};

export async function executeSync({
  syncId,
  workerId,
  heartbeat,
  signal,
  pageSize,
}: ExecuteSyncInput): Promise<SyncOutcome> {
  const run = createSyncRun({ syncId, workerId, heartbeat, signal });
  const record = await db.transactionSync.findUnique({
    where: { id: syncId },
    select: {
      id: true,
      plaidConnectionId: true,
      syncType: true,
      startedAt: true,
      retryCount: true,
      status: true,
      workerId: true,
    },
  });
  if (record?.status !== "in_progress" || record.workerId !== workerId) {
    return lostOutcome(syncId, run.progress.counts);
  }
  const connectionId = record.plaidConnectionId;
  const connection = await db.plaidConnection.findUnique({
    where: { id: connectionId },
    select: { retryCount: true, maintenanceUntil: true },
  });
  if (!connection) return lostOutcome(syncId, run.progress.counts);

  let failure: SyncFailure | null = null;
  let balances: BalanceRefresh | null = null;
  let liabilities: LiabilitiesRefresh | { status: "failed"; code: string } | null = null;
  let history: HistoryRebuild | { failed: string } | null = null;
  try {
    const accessToken = await getConnectionAccessToken({ connectionId });
    await syncTransactions({ connectionId, run, accessToken, pageSize });
    await checkpoint(run);
    balances = await refreshBalances({ connectionId, accessToken });
    liabilities = await refreshLiabilitiesOf({ syncId, connectionId, accessToken });
    history = await rebuildHistoryOf({ syncId, connectionId, run, balances });
  } catch (error) {
    failure = classifySyncError(error);
    if (failure.kind === "internal") logInternalFailure(syncId, error);
  }
  const outcome = await finishRun({
    record,
    run,
    failure,
    connection,
    context: {
      ...runContext({ balances, failure }),
      liabilities: liabilities?.status ?? null,
      history: history === null ? null : "failed" in history ? `failed:${history.failed}` : history.points,
    },
  });
  // The alert rules over what the run brought, and the connection's state (a login the bank now wants).
  if (outcome.status !== "lost") {
    await notifyConnectionAlerts({ connectionId, accounts: failure === null, context: `sync ${syncId}` });
  }
  return outcome;
}

function runContext({
  balances,
  failure,
}: {
  balances: BalanceRefresh | null;
  failure: SyncFailure | null;
}): Record<string, Prisma.InputJsonValue | null> {
  return {
    balance_source: balances ? (balances.reason ? `${balances.source}:${balances.reason}` : balances.source) : null,
    balances_changed: balances?.changed ?? null,
    balances_failed: balances?.failed ?? null,
    error: failure?.plaid ?? null,
  };
}

/**
 * Cards' and loans' figures after the balances. The transactions and balances are in by now, so a
 * failure here is recorded on the run and logged, not made a failed sync; the next sync tries again.
 */
async function refreshLiabilitiesOf({
  syncId,
  connectionId,
  accessToken,
}: {
  syncId: string;
  connectionId: string;
  accessToken: string;
}): Promise<LiabilitiesRefresh | { status: "failed"; code: string }> {
  try {
    return await refreshLiabilities({ connectionId, accessToken });
  } catch (error) {
    const failure = classifySyncError(error);
    if (failure.kind === "internal") logInternalFailure(syncId, error);
    return { status: "failed", code: failure.errorCode ?? failure.kind };
  }
}

/**
 * The accounts' daily history rebuilt from the transactions and balances just stored, when the run
 * brought any change (transactions added, modified or removed, a new balance), the connection has
 * transactions but no reconstructed history yet (its first sync, or one from before history existed),
 * or an earlier rebuild failed (plaid_connections.metadata.history_stale). Like the liabilities, a
 * failure is recorded on the run and logged, and the next sync tries again.
 */
async function rebuildHistoryOf({
  syncId,
  connectionId,
  run,
  balances,
}: {
  syncId: string;
  connectionId: string;
  run: SyncRun;
  balances: BalanceRefresh;
}): Promise<HistoryRebuild | { failed: string } | null> {
  const { added, updated, deleted } = run.progress.counts;
  try {
    if (added + updated + deleted + balances.changed === 0 && !(await needsHistory(connectionId))) return null;
    const rebuilt = await rebuildConnectionHistory({ connectionId });
    await db.$executeRaw`
      UPDATE plaid_connections SET metadata = metadata - 'history_stale'
      WHERE id = ${connectionId}::uuid AND metadata ? 'history_stale'`;
    return rebuilt;
  } catch (error) {
    const failure = classifySyncError(error);
    if (failure.kind === "internal") logInternalFailure(syncId, error);
    await db.$executeRaw`
      UPDATE plaid_connections SET metadata = jsonb_set(metadata, '{history_stale}', 'true')
      WHERE id = ${connectionId}::uuid`.catch(() => undefined);
    return { failed: failure.errorCode ?? failure.kind };
  }
}

async function needsHistory(connectionId: string): Promise<boolean> {
  const [row] = await db.$queryRaw<{ needs: boolean }[]>`
    SELECT EXISTS (SELECT 1 FROM plaid_connections WHERE id = ${connectionId}::uuid AND metadata ? 'history_stale')
        OR EXISTS (
      SELECT 1 FROM bank_accounts a
      WHERE a.plaid_connection_id = ${connectionId}::uuid AND a.type <> 'investment'
        AND EXISTS (SELECT 1 FROM transactions t WHERE t.bank_account_id = a.id AND NOT t.pending)
        AND NOT EXISTS (SELECT 1 FROM account_balances b
                        WHERE b.bank_account_id = a.id AND b.balance_type = 'current' AND b.source = 'calculated')
    ) AS needs`;
  return row?.needs ?? false;
}

// Names and messages only: an unexpected error may come from anywhere, but never carries the token
// (PlaidError is built without the request, and the token is only ever in a local variable).
function logInternalFailure(syncId: string, error: unknown) {
  log.error({ syncId, err: error }, "sync failed");
}
