// The connection lease that keeps one sync per connection at a time across every worker process: taken
// with the run's move to in_progress in one transaction, renewed by the heartbeat, given back at the end.
import "server-only";
import { db, type Prisma } from "@/lib/db";
import { isUuid } from "@/lib/db/vocabulary";

export type ClaimResult =
  | { claimed: true; syncId: string; connectionId: string; syncType: string }
  | { claimed: false; reason: ClaimRefusal };

/** not_due: a retry waiting out its retry_after. not_runnable: inactive, paused or needing re-authentication. */
export type ClaimRefusal = "not_pending" | "not_due" | "busy" | "not_runnable";

/** A worker asking to take, or keep, a run's lease for leaseMs from now. */
type LeaseRequest = { syncId: string; workerId: string; leaseMs: number; now?: Date };

// Rolls a claim (or a heartbeat) back. An unclaimed run stays pending: the scheduler sends it again.
class NotClaimed extends Error {}

/**
 * Runs both halves of a lease change (the connection's lease, then the run) in one transaction; when
 * the second half finds the run gone it throws NotClaimed, the first half rolls back, and the caller
 * gets `refused` instead.
 */
async function leaseTransaction<Result>(
  work: (tx: Prisma.TransactionClient) => Promise<Result>,
  refused: () => Promise<Result>,
): Promise<Result> {
  try {
    return await db.$transaction(work);
  } catch (error) {
    if (!(error instanceof NotClaimed)) throw error;
    return refused();
  }
}

/**
 * Claims a pending run for `workerId`. The lease is free when nobody holds it, it has expired, or this
 * worker holds it; and no run of the connection may still be in progress (a quiet one is the
 * reaper's to end first), so an expired lease alone never lets two runs overlap. The run must be past
 * its retry_after, and a connection that is inactive, paused or waiting for re-authentication is not
 * run, except a reconnect's own run.
 */
export async function claimSync({ syncId, workerId, leaseMs, now = new Date() }: LeaseRequest): Promise<ClaimResult> {
  if (!isUuid(syncId)) return { claimed: false, reason: "not_pending" };
  const expiresAt = new Date(now.getTime() + leaseMs);
  return leaseTransaction<ClaimResult>(
    async (tx) => {
      // The connection row is locked first, as requestSync locks it, so the two never deadlock. A
      // concurrent claimer waits here and then finds the lease taken.
      const leased = await tx.$queryRaw<{ id: string; sync_type: string }[]>`
        UPDATE plaid_connections c
        SET sync_lease_owner = ${workerId}, sync_lease_expires_at = ${expiresAt}
        FROM transaction_syncs s
        WHERE s.id = ${syncId}::uuid AND s.status = 'pending' AND c.id = s.plaid_connection_id
          AND (s.retry_after IS NULL OR s.retry_after <= ${now})
          AND c.is_active AND c.paused_at IS NULL
          AND (NOT c.requires_reauth OR s.context->>'trigger' = 'reconnect')
          AND (c.sync_lease_owner IS NULL OR c.sync_lease_expires_at IS NULL
               OR c.sync_lease_expires_at <= ${now} OR c.sync_lease_owner = ${workerId})
          AND NOT EXISTS (
            SELECT 1 FROM transaction_syncs r WHERE r.plaid_connection_id = c.id AND r.status = 'in_progress')
        RETURNING c.id, s.sync_type`;
      const lease = leased[0];
      if (!lease) throw new NotClaimed();
      const started = await tx.$executeRaw`
        UPDATE transaction_syncs
        SET status = 'in_progress', started_at = ${now}, worker_id = ${workerId}, heartbeat_at = ${now}
        WHERE id = ${syncId}::uuid AND status = 'pending'`;
      // Cancelled or deleted between the two statements: give the lease back with the rollback.
      if (started !== 1) throw new NotClaimed();
      return { claimed: true as const, syncId, connectionId: lease.id, syncType: lease.sync_type };
    },
    async () => ({ claimed: false, reason: await whyNotClaimed(syncId, now) }),
  );
}

async function whyNotClaimed(syncId: string, now: Date): Promise<ClaimRefusal> {
  const run = await db.transactionSync.findUnique({
    where: { id: syncId },
    select: {
      status: true,
      context: true,
      retryAfter: true,
      plaidConnection: { select: { isActive: true, pausedAt: true, requiresReauth: true } },
    },
  });
  if (run?.status !== "pending") return "not_pending";
  if (run.retryAfter && run.retryAfter > now) return "not_due";
  const connection = run.plaidConnection;
  const trigger = (run.context as { trigger?: unknown } | null)?.trigger;
  if (!connection.isActive || connection.pausedAt || (connection.requiresReauth && trigger !== "reconnect")) {
    return "not_runnable";
  }
  // Another worker holds the lease, or a run of the connection is still in progress.
  return "busy";
}

/**
 * Renews the lease, then the run's heartbeat_at, in one transaction that locks the connection row first
 * as every other writer does (a page's transaction, claims, requests, the reaper), so a heartbeat
 * never deadlocks with the engine. False when the lease went to another worker or the run is no longer
 * this worker's (the reaper ended it): the caller must stop.
 */
export async function heartbeatSync({ syncId, workerId, leaseMs, now = new Date() }: LeaseRequest): Promise<boolean> {
  const expiresAt = new Date(now.getTime() + leaseMs);
  return leaseTransaction(
    async (tx) => {
      const leases = await tx.$executeRaw`
        UPDATE plaid_connections SET sync_lease_expires_at = ${expiresAt}
        WHERE sync_lease_owner = ${workerId}
          AND id = (SELECT plaid_connection_id FROM transaction_syncs WHERE id = ${syncId}::uuid)`;
      if (leases !== 1) return false;
      const runs = await tx.$executeRaw`
        UPDATE transaction_syncs SET heartbeat_at = ${now}
        WHERE id = ${syncId}::uuid AND status = 'in_progress' AND worker_id = ${workerId}`;
      // The run is gone: the renewed lease is rolled back with it.
      if (runs !== 1) throw new NotClaimed();
      return true;
    },
    async () => false,
  );
}

/** Gives the lease back, only if this worker still holds it. */
export async function releaseSync({
  connectionId,
  workerId,
}: {
  connectionId: string;
  workerId: string;
}): Promise<boolean> {
  const released = await db.$executeRaw`
    UPDATE plaid_connections SET sync_lease_owner = NULL, sync_lease_expires_at = NULL
    WHERE id = ${connectionId}::uuid AND sync_lease_owner = ${workerId}`;
  return released === 1;
}
