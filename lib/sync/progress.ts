// What "Sync now" shows while it waits: a connection's current run (queued or running), else its latest
// finished one, for the connection's owner only. Another user's connection is the same "not found" as
// one that does not exist, so ids cannot be probed.
import "server-only";
import { getOwnedConnection } from "@/lib/auth/ownership";
import { db, type Prisma } from "@/lib/db";
import { countAliveWorkers, WORKER_ALIVE_MS } from "@/lib/jobs/heartbeat";
import { AWAITING_REFRESH, awaitingOf } from "./request-sync";

export const RUNNING_SYNC_STATUSES = ["pending", "in_progress"] as const;

export type SyncProgress = {
  id: string;
  /** pending, in_progress, success, partial or failed. */
  status: string;
  syncType: string;
  /** What asked for the run (link, webhook, manual, schedule…), from its context; null if unrecorded. */
  trigger: string | null;
  startedAt: Date | null;
  completedAt: Date | null;
  counts: { processed: number; added: number; updated: number; deleted: number; failed: number };
  errorCode: string | null;
  /** The engine stores Plaid's display message or its own safe text, never the request. */
  errorMessage: string | null;
  retryAfter: Date | null;
  /**
   * "refreshing" while a queued run waits for the bank's answer to /transactions/refresh;
   * "waiting_for_service" when it has been due for over two minutes and no job worker is alive.
   */
  step: SyncStep | null;
};

export type SyncStep = "refreshing" | "waiting_for_service";

/** A run due this long with no live worker is waiting for the sync service, not merely queued. */
export const WAITING_FOR_SERVICE_MS = WORKER_ALIVE_MS;

const SELECT = {
  id: true,
  status: true,
  syncType: true,
  context: true,
  startedAt: true,
  completedAt: true,
  recordsProcessed: true,
  recordsAdded: true,
  recordsUpdated: true,
  recordsDeleted: true,
  recordsFailed: true,
  errorCode: true,
  errorMessage: true,
  retryAfter: true,
  createdAt: true,
} as const satisfies Prisma.TransactionSyncSelect;

/**
 * The run to show for a connection: one in progress, else one queued, else the latest finished one.
 * Null when the connection never had a run. Throws connection:not_found unless userId owns it.
 */
export async function getLatestSyncForConnection({
  userId,
  connectionId,
}: {
  userId: string;
  connectionId: string;
}): Promise<SyncProgress | null> {
  const connection = await getOwnedConnection({ userId, connectionId });
  // Scoped by the owner again, so this query alone could not read another person's runs.
  const owned = { plaidConnectionId: connection.id, plaidConnection: { userId } };
  const running = await db.transactionSync.findMany({
    where: { ...owned, status: { in: [...RUNNING_SYNC_STATUSES] } },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    select: SELECT,
  });
  // A run already going is what the person is waiting on; a request queued behind it comes next.
  const row =
    running.find((run) => run.status === "in_progress") ??
    running[0] ??
    (await db.transactionSync.findFirst({
      where: { ...owned, status: { notIn: [...RUNNING_SYNC_STATUSES] } },
      orderBy: [{ completedAt: { sort: "desc", nulls: "last" } }, { createdAt: "desc" }, { id: "desc" }],
      select: SELECT,
    }));
  if (!row) return null;
  const now = new Date();
  const progress = toProgress(row, now);
  if (
    progress.status === "pending" &&
    !progress.step &&
    isOverdue(row, now) &&
    (await countAliveWorkers({ now })) === 0
  ) {
    progress.step = "waiting_for_service";
  }
  return progress;
}

/** Due (queued, and past any retry_after) for longer than WAITING_FOR_SERVICE_MS. */
function isOverdue(row: Row, now: Date): boolean {
  const dueAt = Math.max(row.createdAt.getTime(), row.retryAfter?.getTime() ?? 0);
  return now.getTime() - dueAt > WAITING_FOR_SERVICE_MS;
}

type Row = Prisma.TransactionSyncGetPayload<{ select: typeof SELECT }>;

function toProgress(row: Row, now: Date): SyncProgress {
  const context = row.context;
  const trigger =
    context && typeof context === "object" && !Array.isArray(context) && typeof context.trigger === "string"
      ? context.trigger
      : null;
  return {
    id: row.id,
    status: row.status,
    syncType: row.syncType,
    trigger,
    startedAt: row.startedAt,
    completedAt: row.completedAt,
    counts: {
      processed: row.recordsProcessed,
      added: row.recordsAdded,
      updated: row.recordsUpdated,
      deleted: row.recordsDeleted,
      failed: row.recordsFailed,
    },
    errorCode: row.errorCode,
    errorMessage: row.errorMessage,
    retryAfter: row.retryAfter,
    step:
      row.status === "pending" && awaitingOf(context) === AWAITING_REFRESH && row.retryAfter && row.retryAfter > now
        ? "refreshing"
        : null,
  };
}
