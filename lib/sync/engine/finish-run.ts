// The end of a run: its row finished (only while it is still this worker's in_progress run) and the
// connection's counters and schedule updated (applySyncStatus) in one transaction; after a failure
// worth retrying, a pending request left with retry_after, so the queue runs it again then.
import "server-only";
import { db, type Prisma } from "@/lib/db";
import { computeBackoffMs } from "@/lib/jobs/backoff";
import { avoidMaintenance } from "@/lib/sync/schedule";
import type { SyncCounts } from "@/lib/sync/sync-record";
import { applySyncStatus, lockConnectionSchedule } from "@/lib/sync/update-sync-status";
import { isConnectionFailure, type SyncFailure, shouldRetry } from "./classify-error";
import type { SyncRun } from "./sync-run";

export type SyncOutcome = {
  syncId: string;
  /**
   * As recorded on the run row. "lost": the row was no longer this worker's in_progress run (reaped,
   * cancelled, or its connection unlinked), so nothing was recorded and no retry scheduled here.
   */
  status: "success" | "partial" | "failed" | "lost";
  errorCode: string | null;
  errorMessage: string | null;
  /** When a failed run is retried; a pending request waits until then (retryScheduled). */
  retryAfter: Date | null;
  retryScheduled: boolean;
  requiresReauth: boolean;
  counts: SyncCounts;
};

export type RunRecord = {
  id: string;
  plaidConnectionId: string;
  syncType: string;
  startedAt: Date | null;
  retryCount: number;
};

export function lostOutcome(syncId: string, counts: SyncCounts): SyncOutcome {
  return {
    syncId,
    status: "lost",
    errorCode: null,
    errorMessage: null,
    retryAfter: null,
    retryScheduled: false,
    requiresReauth: false,
    counts,
  };
}

/** When to retry: Plaid's Retry-After on a 429, at once for a stopped worker, else the backoff. */
export function retryTime({
  failure,
  connectionRetryCount,
  maintenanceUntil,
  now,
}: {
  failure: SyncFailure;
  connectionRetryCount: number;
  maintenanceUntil: Date | null;
  now: Date;
}): Date | null {
  if (!shouldRetry(failure.kind)) return null;
  const delayMs =
    failure.kind === "aborted"
      ? 0
      : failure.retryAfterSeconds !== null
        ? failure.retryAfterSeconds * 1000
        : computeBackoffMs({ attempt: connectionRetryCount + 1 });
  return avoidMaintenance({ at: new Date(now.getTime() + delayMs), maintenanceUntil });
}

export async function finishRun({
  record,
  run,
  failure,
  context,
  connection,
  now = new Date(),
}: {
  record: RunRecord;
  run: SyncRun;
  failure: SyncFailure | null;
  /** Merged into the run's context (balances, error details). */
  context: Record<string, Prisma.InputJsonValue | null>;
  connection: { retryCount: number; maintenanceUntil: Date | null };
  now?: Date;
}): Promise<SyncOutcome> {
  const { counts } = run.progress;
  const status = failure ? "failed" : counts.failed > 0 ? "partial" : "success";
  const retryAfter = failure
    ? retryTime({
        failure,
        connectionRetryCount: connection.retryCount,
        maintenanceUntil: connection.maintenanceUntil,
        now,
      })
    : null;
  const duration = record.startedAt ? Math.max(0, (now.getTime() - record.startedAt.getTime()) / 1000) : null;
  const fullContext = {
    ...context,
    pages: run.progress.pages,
    restarts: run.progress.restarts,
    cursor_before: run.progress.cursorBefore,
    cursor_after: run.progress.cursorAfter,
  };
  // A run overtaken by another, or stopped with its worker, says nothing about the connection.
  const tellsOfConnection = failure === null || isConnectionFailure(failure.kind);
  // The connection's row first, as a lease renewal and the reaper lock it: a successful run's update
  // stamps the connection and its accounts (stamp_last_sync), and taking the run's row before the
  // connection's deadlocked with a renewal that had the connection and wanted the run. The run's record
  // and the connection's counters and schedule land together.
  const finished = await db.$transaction(async (tx) => {
    const schedule = await lockConnectionSchedule(tx, record.plaidConnectionId);
    const updated = await tx.$executeRaw`
    UPDATE transaction_syncs SET status = ${status}, completed_at = ${now}, duration = ${duration}::float8,
      records_processed = ${counts.processed}, records_added = ${counts.added}, records_updated = ${counts.updated},
      records_deleted = ${counts.deleted}, records_failed = ${counts.failed},
      error_code = ${failure?.errorCode ?? null}, error_message = ${failure?.errorMessage ?? null},
      retry_after = ${retryAfter}, context = context || ${JSON.stringify(fullContext)}::jsonb
    WHERE id = ${record.id}::uuid AND status = 'in_progress'
      AND (${run.workerId}::text IS NULL OR worker_id = ${run.workerId}::text)`;
    if (updated !== 1) return false;
    // A connection unlinked meanwhile has nothing left to schedule.
    if (schedule && tellsOfConnection) {
      await applySyncStatus(tx, schedule, {
        connectionId: record.plaidConnectionId,
        success: failure === null,
        errorCode: failure?.errorCode,
        // The reauth (or revocation) code alone, as the ITEM webhook writes it: LOGIN_REPAIRED and update mode clear it.
        errorMessage: failure
          ? failure.kind === "reauth" || failure.kind === "revoked"
            ? failure.errorCode
            : `${failure.errorCode}: ${failure.errorMessage}`
          : undefined,
        retryAt: retryAfter ?? undefined,
        now,
      });
    }
    return true;
  });
  if (!finished) return lostOutcome(record.id, counts);

  const outcome: SyncOutcome = {
    syncId: record.id,
    status,
    errorCode: failure?.errorCode ?? null,
    errorMessage: failure?.errorMessage ?? null,
    retryAfter,
    retryScheduled: false,
    requiresReauth: failure?.kind === "reauth" || failure?.kind === "revoked",
    counts,
  };
  if (retryAfter) outcome.retryScheduled = await requestRetry({ record, retryAfter, now });
  return outcome;
}

/**
 * Leaves a pending request that runs at `retryAfter`: a new one, or the request already waiting (a
 * webhook's, a "Sync now") held back until then, since the bank would fail it now too. Nothing for a
 * connection that is paused, inactive or waiting for its login to be repaired.
 */
async function requestRetry({
  record,
  retryAfter,
  now,
}: {
  record: RunRecord;
  retryAfter: Date;
  now: Date;
}): Promise<boolean> {
  return db.$transaction(async (tx) => {
    // The connection row first, as a page's transaction locks it: one lock order, no deadlock.
    const [open] = await tx.$queryRaw<{ id: string }[]>`
      SELECT id FROM plaid_connections
      WHERE id = ${record.plaidConnectionId}::uuid AND is_active AND paused_at IS NULL AND NOT requires_reauth
      FOR UPDATE`;
    if (!open) return false;
    const waiting = await tx.transactionSync.findFirst({
      where: { plaidConnectionId: record.plaidConnectionId, status: "pending" },
      orderBy: { createdAt: "asc" },
    });
    if (waiting) {
      if (!waiting.retryAfter || waiting.retryAfter < retryAfter) {
        await tx.transactionSync.update({ where: { id: waiting.id }, data: { retryAfter } });
      }
      return true;
    }
    await tx.transactionSync.create({
      data: {
        plaidConnectionId: record.plaidConnectionId,
        syncType: record.syncType,
        status: "pending",
        retryCount: record.retryCount + 1,
        retryAfter,
        context: { trigger: "retry", retry_of: record.id, requested_at: now.toISOString() },
      },
    });
    return true;
  });
}
