// Asking for a sync: a pending transaction_syncs row is the request the sync engine picks up, and the
// connection becomes due now. Linking, webhooks, the admin's retry and "Sync now" all come through
// here, so one connection never has two requests waiting.
import "server-only";
import { db, type Prisma } from "@/lib/db";
import { enqueueSyncJob } from "@/lib/jobs/enqueue";

export type SyncRequestResult = "queued" | "already_queued" | "paused" | "inactive";

// schedule, login and retry come from the queue's scheduler, sign-in and reaper (lib/sync/queue).
export type SyncTrigger = "link" | "webhook" | "admin_retry" | "manual" | "reconnect" | "schedule" | "login" | "retry";

export async function requestSync({
  connectionId,
  syncType,
  trigger,
  details = {},
  now = new Date(),
}: {
  connectionId: string;
  syncType: "initial" | "incremental" | "manual";
  trigger: SyncTrigger;
  /** Extra context recorded with the request (who asked, which webhook). Never secrets. */
  details?: Record<string, Prisma.InputJsonValue>;
  now?: Date;
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
    const waiting = await tx.transactionSync.count({ where: { plaidConnectionId: connectionId, status: "pending" } });
    if (waiting > 0) return "already_queued";
    await tx.transactionSync.create({
      data: {
        plaidConnectionId: connectionId,
        syncType,
        status: "pending",
        context: { ...details, trigger, requested_at: now.toISOString() },
      },
    });
    return "queued";
  });
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
