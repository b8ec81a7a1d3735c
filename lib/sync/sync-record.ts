// A transaction_syncs row through its life: finishing it once, scheduling its retries, and its JSON
// shape. The SQL triggers stamp last_sync_at on the account and connection when a sync succeeds.
import "server-only";
import { db, Prisma, type TransactionSyncModel as TransactionSync } from "@/lib/db";
import { isTerminalSyncStatus, isUuid, TERMINAL_SYNC_STATUSES, type TerminalSyncStatus } from "@/lib/db/vocabulary";
import { AppError } from "@/lib/errors";
import { computeBackoffMs } from "@/lib/jobs/backoff";

export type SyncCounts = { processed: number; added: number; updated: number; deleted: number; failed: number };

export type SerializedSync = Omit<
  TransactionSync,
  "startedAt" | "completedAt" | "retryAfter" | "createdAt" | "updatedAt" | "heartbeatAt"
> & {
  heartbeatAt: string | null;
  startedAt: string | null;
  completedAt: string | null;
  retryAfter: string | null;
  createdAt: string;
  updatedAt: string;
};

/**
 * Finishes a pending or in-progress sync. Duration is in seconds, from started_at unless given;
 * counts, when given, replace all five record counts. A sync that already finished is refused
 * without writing, even when two callers race to finish it.
 */
export async function markCompleted({
  syncId,
  status,
  completedAt = new Date(),
  duration,
  counts,
  errorMessage,
  errorCode,
}: {
  syncId: string;
  status: TerminalSyncStatus;
  completedAt?: Date;
  duration?: number;
  counts?: SyncCounts;
  errorMessage?: string;
  errorCode?: string;
}): Promise<TransactionSync> {
  if (!isTerminalSyncStatus(status)) {
    throw new AppError("sync:invalid_completion", `A sync cannot be completed as "${status}"`);
  }
  const sync = isUuid(syncId) ? await db.transactionSync.findUnique({ where: { id: syncId } }) : null;
  if (!sync) throw new AppError("sync:not_found", `No sync ${syncId}`);
  if (isTerminalSyncStatus(sync.status)) throw alreadyCompleted(sync.id, sync.status);

  const seconds = duration ?? (sync.startedAt ? (completedAt.getTime() - sync.startedAt.getTime()) / 1000 : null);
  if (seconds !== null && !(Number.isFinite(seconds) && seconds >= 0)) {
    throw new AppError("sync:invalid_completion", `Sync ${syncId} cannot end before it started`);
  }
  const data: Prisma.TransactionSyncUpdateInput = { status, completedAt, duration: seconds, errorMessage, errorCode };
  if (counts) {
    Object.assign(data, {
      recordsProcessed: counts.processed,
      recordsAdded: counts.added,
      recordsUpdated: counts.updated,
      recordsDeleted: counts.deleted,
      recordsFailed: counts.failed,
    });
  }
  try {
    // The status filter makes "still open?" and the write one statement: a racing finisher matches nothing.
    return await db.transactionSync.update({
      where: { id: syncId, status: { notIn: [...TERMINAL_SYNC_STATUSES] } },
      data,
    });
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2025") {
      const latest = await db.transactionSync.findUnique({ where: { id: syncId }, select: { status: true } });
      throw alreadyCompleted(syncId, latest?.status ?? "deleted");
    }
    throw error;
  }
}

/** One more retry, at `retryAfter` or after a backoff that grows with the new retry count. */
export async function incrementRetry({
  syncId,
  retryAfter,
  now = new Date(),
}: {
  syncId: string;
  retryAfter?: Date;
  now?: Date;
}): Promise<TransactionSync> {
  if (!isUuid(syncId)) throw new AppError("sync:not_found", `No sync ${syncId}`);
  try {
    return await db.$transaction(async (tx) => {
      // Incremented in SQL, and the row stays locked until commit, so concurrent retries each count
      // and each schedule from the count they wrote.
      const bumped = await tx.transactionSync.update({
        where: { id: syncId },
        data: { retryCount: { increment: 1 }, ...(retryAfter ? { retryAfter } : {}) },
      });
      if (retryAfter) return bumped;
      const at = new Date(now.getTime() + computeBackoffMs({ attempt: bumped.retryCount }));
      return tx.transactionSync.update({ where: { id: syncId }, data: { retryAfter: at } });
    });
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2025") {
      throw new AppError("sync:not_found", `No sync ${syncId}`);
    }
    throw error;
  }
}

export function serializeSync(row: TransactionSync): SerializedSync {
  return {
    ...row,
    startedAt: row.startedAt?.toISOString() ?? null,
    completedAt: row.completedAt?.toISOString() ?? null,
    retryAfter: row.retryAfter?.toISOString() ?? null,
    heartbeatAt: row.heartbeatAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

function alreadyCompleted(syncId: string, status: string): AppError {
  return new AppError("sync:already_completed", `Sync ${syncId} has already finished (status "${status}")`);
}
