// What an admin may do to a connection: queue a retry of its sync, pause it, resume it, check its health. Each checks
// the actor's role from the database again, whatever the caller already checked.
import "server-only";
import { recordAudit } from "@/lib/audit";
import { adminAccess, getUserById } from "@/lib/auth";
import { checkItemHealth, type HealthCheckResult } from "@/lib/connections";
import { db } from "@/lib/db";
import { isUuid } from "@/lib/db/vocabulary";
import { AppError } from "@/lib/errors";
import { calculateNextSync, requestAndEnqueueSync } from "@/lib/sync";

export type RetryResult = "queued" | "already_queued" | "paused" | "inactive";
export type PauseResult = "paused" | "already_paused";
export type ResumeResult = "resumed" | "not_paused";

// Anyone but an admin learns nothing, not even that the connection exists: the same 404 as the page.
const hidden = () => new AppError("connection:not_found", "This connection could not be found.");

async function assertAdmin(actorId: string): Promise<void> {
  const actor = await getUserById(actorId);
  const access = actor ? await adminAccess(actor) : "not_admin";
  if (access === "not_admin") throw hidden();
  if (access === "needs_second_factor") {
    throw new AppError("auth:second_factor_required", "Set up two-factor sign-in in Settings → Security first.");
  }
}

async function findConnection(connectionId: string) {
  const connection = isUuid(connectionId)
    ? await db.plaidConnection.findUnique({
        where: { id: connectionId },
        select: {
          id: true,
          userId: true,
          institutionName: true,
          isActive: true,
          pausedAt: true,
          syncFrequency: true,
          lastSyncAt: true,
          maintenanceUntil: true,
        },
      })
    : null;
  if (!connection) throw hidden();
  return connection;
}

type AdminConnection = Awaited<ReturnType<typeof findConnection>>;
type ActionInput = { actorId: string; connectionId: string; now?: Date };

/**
 * An admin's action on one connection: the actor's role and the connection are checked first, every
 * time, and what was done is recorded in the audit log, on the connection owner's account.
 */
function adminAction<Result extends string>(
  name: "retry_sync" | "pause" | "resume" | "check_health",
  work: (connection: AdminConnection, context: { actorId: string; now: Date }) => Promise<Result>,
) {
  return async ({ actorId, connectionId, now = new Date() }: ActionInput): Promise<Result> => {
    await assertAdmin(actorId);
    const connection = await findConnection(connectionId);
    const result = await work(connection, { actorId, now });
    await recordAudit({
      action: "admin_connection_action",
      userId: connection.userId,
      actorId,
      detail: { action: name, connectionId: connection.id, institution: connection.institutionName, result },
      now,
    });
    return result;
  };
}

/**
 * Records a pending manual sync for the sync engine, marked as an admin's retry, and makes the
 * connection due now. One queued sync per connection is enough: a second request changes nothing.
 */
export const retryConnectionSync = adminAction<RetryResult>("retry_sync", (connection, { actorId, now }) =>
  requestAndEnqueueSync({
    connectionId: connection.id,
    syncType: "manual",
    trigger: "admin_retry",
    details: { requested_by: actorId },
    now,
  }),
);

/** Stops scheduling: paused_at marks it for the scheduler, and no next sync is due. */
export const pauseConnection = adminAction<PauseResult>("pause", async (connection, { now }) => {
  // The condition keeps the first pause's time when two admins press Pause.
  const { count } = await db.plaidConnection.updateMany({
    where: { id: connection.id, pausedAt: null },
    data: { pausedAt: now, nextSyncAt: null },
  });
  return count === 1 ? "paused" : "already_paused";
});

/** Schedules again from the last sync: a connection overdue while paused is due at once. */
export const resumeConnection = adminAction<ResumeResult>("resume", async (connection, { now }) => {
  const nextSyncAt = calculateNextSync({
    syncFrequency: connection.syncFrequency,
    lastSyncAt: connection.lastSyncAt,
    now,
    maintenanceUntil: connection.maintenanceUntil,
  });
  const { count } = await db.plaidConnection.updateMany({
    where: { id: connection.id, pausedAt: { not: null } },
    data: { pausedAt: null, nextSyncAt },
  });
  return count === 1 ? "resumed" : "not_paused";
});

/** Runs the daily item health check now (the same check the worker's job runs), and waits for it. */
export const checkConnectionHealth = adminAction<HealthCheckResult>("check_health", (connection, { now }) =>
  checkItemHealth({ connectionId: connection.id, now }),
);
