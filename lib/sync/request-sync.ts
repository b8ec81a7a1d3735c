// Asking for a sync: a pending transaction_syncs row is the request the sync engine picks up, and the
// connection becomes due now. Linking, webhooks, the admin's retry and "Sync now" all come through
// here, so one connection never has two requests waiting.
import "server-only";
import { db, type Prisma } from "@/lib/db";
import { enqueueSyncJob } from "@/lib/jobs/enqueue";

export type SyncRequestResult = "queued" | "already_queued" | "paused" | "inactive";

// schedule, login and retry come from the queue's scheduler, sign-in and reaper (lib/sync/queue).
export type SyncTrigger = "link" | "webhook" | "admin_retry" | "manual" | "reconnect" | "schedule" | "login" | "retry";

/** Marks a run held for the SYNC_UPDATES_AVAILABLE a /transactions/refresh brings (context.awaiting). */
export const AWAITING_REFRESH = "transactions_refresh";

export async function requestSync({
  connectionId,
  syncType,
  trigger,
  details = {},
  now = new Date(),
  awaitRefreshUntil,
}: {
  connectionId: string;
  syncType: "initial" | "incremental" | "manual";
  trigger: SyncTrigger;
  /** Extra context recorded with the request (who asked, which webhook). Never secrets. */
  details?: Record<string, Prisma.InputJsonValue>;
  now?: Date;
  /**
   * After /transactions/refresh: the run waits for the webhook that follows (a webhook's request
   * releases it), and runs at this time anyway if none comes (the scheduler's sweep starts it).
   */
  awaitRefreshUntil?: Date;
}): Promise<SyncRequestResult> {
  return db.$transaction(async (tx) => {
    // Updating first locks the connection row, so two requests at once cannot both queue a sync, and
    // a pause or unlink that lands meanwhile is seen here.
    const { count } = await tx.plaidConnection.updateMany({
      where: { id: connectionId, isActive: true, pausedAt: null },
      data: { nextSyncAt: now },
    });
    if (count === 0) {
      const connection = await tx.plaidConnection.findUnique({
        where: { id: connectionId },
        select: { isActive: true },
      });
      return connection?.isActive ? "paused" : "inactive";
    }
    const waiting = await tx.transactionSync.findMany({
      where: { plaidConnectionId: connectionId, status: "pending" },
      select: { id: true, context: true },
    });
    if (waiting.length > 0) {
      // The webhook a refresh was waiting for: the held run can go now.
      const held = waiting.filter((run) => awaitingOf(run.context) === AWAITING_REFRESH).map((run) => run.id);
      if (held.length > 0 && trigger === "webhook") {
        await tx.transactionSync.updateMany({ where: { id: { in: held } }, data: { retryAfter: null } });
      }
      return "already_queued";
    }
    await tx.transactionSync.create({
      data: {
        plaidConnectionId: connectionId,
        syncType,
        status: "pending",
        context: {
          ...details,
          trigger,
          requested_at: now.toISOString(),
          ...(awaitRefreshUntil ? { awaiting: AWAITING_REFRESH } : {}),
        },
        ...(awaitRefreshUntil ? { retryAfter: awaitRefreshUntil } : {}),
      },
    });
    return "queued";
  });
}

/** What a run waits for (context.awaiting), if anything. */
export function awaitingOf(context: Prisma.JsonValue): string | null {
  return context && typeof context === "object" && !Array.isArray(context) && typeof context.awaiting === "string"
    ? context.awaiting
    : null;
}

/**
 * requestSync, then the job when a run is waiting, so the run starts within seconds instead of at the
 * next sweep. A failed send never fails the request. Call it outside any database transaction: on the
 * embedded database the send waits for the connection.
 */
export async function requestAndEnqueueSync(request: Parameters<typeof requestSync>[0]): Promise<SyncRequestResult> {
  const result = await requestSync(request);
  if (result === "queued" || result === "already_queued") await enqueueSyncJob({ connectionId: request.connectionId });
  return result;
}
