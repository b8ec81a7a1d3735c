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

/**
 * Success clears error_count and retry_count but keeps last_error and last_error_at as history.
 * A failure increments both counters in the database (concurrent failures each count) and retries
 * after a backoff that grows with retry_count, or at `retryAt` when the caller knows better (Plaid's
 * Retry-After). ITEM_LOGIN_REQUIRED, revoked access and a paused connection schedule nothing. Returns the updated
 * row, token included: serialize it with serializeConnection before it leaves the server.
 */
export async function updateSyncStatus({
  connectionId,
  success,
  errorMessage,
  errorCode,
  retryAt,
  now = new Date(),
}: {
  connectionId: string;
  success: boolean;
  errorMessage?: string;
  errorCode?: string;
  /** After a failure: retry then instead of after the backoff. */
  retryAt?: Date;
  now?: Date;
}): Promise<PlaidConnection> {
  if (!isUuid(connectionId)) throw new AppError("connection:not_found", `No connection ${connectionId}`);
  try {
    return await db.$transaction(async (tx) => {
      // The first UPDATE locks the row until commit, so the schedule below is computed from the
      // counters this call wrote, never from a concurrent writer's.
      const updated = await tx.plaidConnection.update({
        where: { id: connectionId },
        data: success
          ? { errorCount: 0, retryCount: 0 }
          : {
              errorCount: { increment: 1 },
              retryCount: { increment: 1 },
              lastError: errorMessage ?? errorCode ?? "Sync failed",
              lastErrorAt: now,
              // Never cleared here: LOGIN_REPAIRED and update mode clear it.
              ...(errorCode && REAUTH_ERROR_CODES.has(errorCode) ? { requiresReauth: true } : {}),
            },
      });
      // A paused connection is never scheduled; one that needs its login repaired waits for the person.
      const unscheduled = updated.pausedAt !== null || (!success && errorCode && REAUTH_ERROR_CODES.has(errorCode));
      const nextSyncAt = unscheduled
        ? null
        : success
          ? calculateNextSync({
              syncFrequency: updated.syncFrequency,
              lastSyncAt: now,
              now,
              maintenanceUntil: updated.maintenanceUntil,
            })
          : avoidMaintenance({
              at: retryAt ?? new Date(now.getTime() + computeBackoffMs({ attempt: updated.retryCount })),
              maintenanceUntil: updated.maintenanceUntil,
            });
      return tx.plaidConnection.update({ where: { id: connectionId }, data: { nextSyncAt } });
    });
  } catch (error) {
    if (isNotFound(error)) throw new AppError("connection:not_found", `No connection ${connectionId}`);
    throw error;
  }
}

function isNotFound(error: unknown): boolean {
  // P2025: the record to update does not exist.
  return error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2025";
}
