// After each sync attempt of a Plaid item: reset or grow the connection's error and retry counters
// and schedule its next sync (the usual interval after a success, a backoff after a failure).
import "server-only";
import { ACCESS_REVOKED_CODES } from "@/lib/accounts";
import { db, type PlaidConnectionModel as PlaidConnection, Prisma } from "@/lib/db";
import { isUuid } from "@/lib/db/vocabulary";
import { AppError } from "@/lib/errors";
import { computeBackoffMs } from "@/lib/jobs/backoff";
import { avoidMaintenance, calculateNextSync } from "@/lib/sync/schedule";

// Plaid error codes no retry can fix: the user has to go through Link's update mode (or remove the
// connection), and until then nothing is scheduled. PENDING_EXPIRATION and PENDING_DISCONNECT are not
// among them: they are webhooks about an item that still works, and it keeps syncing on schedule.
const REAUTH_ERROR_CODES = new Set(["ITEM_LOGIN_REQUIRED", ...ACCESS_REVOKED_CODES]);

/** What scheduling a connection's next sync reads of its row, locked until the transaction ends. */
export type ConnectionSchedule = {
  syncFrequency: string;
  maintenanceUntil: Date | null;
  pausedAt: Date | null;
  retryCount: number;
};

/** Locks the connection's row (as lockConnection does) and reads its schedule; null when it is gone. */
export async function lockConnectionSchedule(
  tx: Prisma.TransactionClient,
  connectionId: string,
): Promise<ConnectionSchedule | null> {
  const [row] = await tx.$queryRaw<
    { sync_frequency: string; maintenance_until: Date | null; paused_at: Date | null; retry_count: number }[]
  >`
    SELECT sync_frequency, maintenance_until, paused_at, retry_count FROM plaid_connections
    WHERE id = ${connectionId}::uuid FOR UPDATE`;
  return row
    ? {
        syncFrequency: row.sync_frequency,
        maintenanceUntil: row.maintenance_until,
        pausedAt: row.paused_at,
        retryCount: row.retry_count,
      }
    : null;
}

export type SyncStatus = {
  connectionId: string;
  success: boolean;
  errorMessage?: string;
  errorCode?: string;
  /** After a failure: retry then instead of after the backoff. */
  retryAt?: Date;
  now?: Date;
};

/**
 * Success clears error_count and retry_count but keeps last_error and last_error_at as history.
 * A failure increments both counters in the database (concurrent failures each count) and retries
 * after a backoff that grows with retry_count, or at `retryAt` when the caller knows better (Plaid's
 * Retry-After). ITEM_LOGIN_REQUIRED, revoked access and a paused connection schedule nothing. Returns the updated
 * row, token included: serialize it with serializeConnection before it leaves the server.
 */
export async function updateSyncStatus(status: SyncStatus): Promise<PlaidConnection> {
  const { connectionId } = status;
  if (!isUuid(connectionId)) throw new AppError("connection:not_found", `No connection ${connectionId}`);
  try {
    return await db.$transaction(async (tx) => {
      const schedule = await lockConnectionSchedule(tx, connectionId);
      if (!schedule) throw new AppError("connection:not_found", `No connection ${connectionId}`);
      return applySyncStatus(tx, schedule, status);
    });
  } catch (error) {
    if (isNotFound(error)) throw new AppError("connection:not_found", `No connection ${connectionId}`);
    throw error;
  }
}

/**
 * updateSyncStatus inside the caller's transaction, which holds the connection's row locked and has read
 * its schedule (lockConnectionSchedule): one UPDATE, with the schedule computed from the counters it writes.
 */
export async function applySyncStatus(
  tx: Prisma.TransactionClient,
  schedule: ConnectionSchedule,
  { connectionId, success, errorMessage, errorCode, retryAt, now = new Date() }: SyncStatus,
): Promise<PlaidConnection> {
  const reauth = !success && errorCode !== undefined && REAUTH_ERROR_CODES.has(errorCode);
  // A paused connection is never scheduled; one that needs its login repaired waits for the person.
  const nextSyncAt =
    schedule.pausedAt !== null || reauth
      ? null
      : success
        ? calculateNextSync({
            syncFrequency: schedule.syncFrequency,
            lastSyncAt: now,
            now,
            maintenanceUntil: schedule.maintenanceUntil,
          })
        : avoidMaintenance({
            // The row is locked: the count this update writes is the one read plus one.
            at: retryAt ?? new Date(now.getTime() + computeBackoffMs({ attempt: schedule.retryCount + 1 })),
            maintenanceUntil: schedule.maintenanceUntil,
          });
  return tx.plaidConnection.update({
    where: { id: connectionId },
    data: success
      ? { errorCount: 0, retryCount: 0, nextSyncAt }
      : {
          errorCount: { increment: 1 },
          retryCount: { increment: 1 },
          lastError: errorMessage ?? errorCode ?? "Sync failed",
          lastErrorAt: now,
          // Never cleared here: LOGIN_REPAIRED and update mode clear it.
          ...(reauth ? { requiresReauth: true } : {}),
          nextSyncAt,
        },
  });
}

function isNotFound(error: unknown): boolean {
  // P2025: the record to update does not exist.
  return error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2025";
}
