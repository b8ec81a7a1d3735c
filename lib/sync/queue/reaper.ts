// Runs whose worker died (kill -9, a lost machine, a frozen process) stop heartbeating. The reaper ends
// them as failed with WORKER_LOST, gives their connection's lease back and requests the sync again.
import "server-only";
import { db } from "@/lib/db";
import { lockConnection } from "@/lib/db/locks";
import { log } from "@/lib/log";
import { requestSync } from "@/lib/sync/request-sync";

export const WORKER_LOST = "WORKER_LOST";
const WORKER_LOST_MESSAGE = "The worker running this sync stopped responding; the sync will run again.";

export type EndedRun = { syncId: string; connectionId: string; syncType: string };

type OpenRun = { id: string; plaid_connection_id: string; worker_id: string | null; sync_type: string };

/**
 * Ends one in-progress run as failed, under its connection's row lock (the order requestSync and
 * claimSync lock in). With `staleBefore` the silence is checked again inside the lock, so a heartbeat
 * that lands meanwhile keeps its run alive. The lease is released only if the run's worker holds it.
 */
export async function failOpenRun({
  run,
  errorCode,
  errorMessage,
  staleBefore,
  retryAfter = null,
  now = new Date(),
}: {
  run: OpenRun;
  errorCode: string;
  errorMessage: string;
  staleBefore?: Date;
  retryAfter?: Date | null;
  now?: Date;
}): Promise<boolean> {
  return db.$transaction(async (tx) => {
    await lockConnection(tx, run.plaid_connection_id);
    const count = await tx.$executeRaw`
      UPDATE transaction_syncs
      SET status = 'failed', error_code = ${errorCode}, error_message = ${errorMessage},
          -- Another host's clock may be behind the one that started the run: never end before the start.
          completed_at = GREATEST(${now}::timestamptz, COALESCE(started_at, ${now}::timestamptz)),
          retry_after = ${retryAfter},
          duration = GREATEST(0, EXTRACT(EPOCH FROM (${now}::timestamptz - COALESCE(started_at, ${now}::timestamptz))))
      WHERE id = ${run.id}::uuid AND status = 'in_progress'
        AND (${staleBefore ?? null}::timestamptz IS NULL
             OR COALESCE(heartbeat_at, started_at, created_at) < ${staleBefore ?? null}::timestamptz)`;
    if (count !== 1) return false;
    await tx.$executeRaw`
      UPDATE plaid_connections SET sync_lease_owner = NULL, sync_lease_expires_at = NULL
      WHERE id = ${run.plaid_connection_id}::uuid AND sync_lease_owner IS NOT DISTINCT FROM ${run.worker_id}`;
    return true;
  });
}

/** Ends, as WORKER_LOST, every in-progress run last heard from before `staleBefore`. */
export async function failQuietRuns({
  staleBefore,
  now = new Date(),
}: {
  staleBefore: Date;
  now?: Date;
}): Promise<EndedRun[]> {
  const quiet = await db.$queryRaw<OpenRun[]>`
    SELECT id, plaid_connection_id, worker_id, sync_type FROM transaction_syncs
    WHERE status = 'in_progress' AND COALESCE(heartbeat_at, started_at, created_at) < ${staleBefore}
    ORDER BY heartbeat_at NULLS FIRST
    LIMIT 500`;
  const ended: EndedRun[] = [];
  for (const run of quiet) {
    const failed = await failOpenRun({
      run,
      errorCode: WORKER_LOST,
      errorMessage: WORKER_LOST_MESSAGE,
      staleBefore,
      retryAfter: now,
      now,
    });
    if (failed) ended.push({ syncId: run.id, connectionId: run.plaid_connection_id, syncType: run.sync_type });
  }
  return ended;
}

/**
 * Requests each ended run's sync again, at once: the worker failed, not the bank, so the connection's
 * error counters and backoff are left alone (the failed run stays in the history with its code).
 * Returns the connections with a run waiting.
 */
export async function requestAgain({
  runs,
  reason,
  now = new Date(),
}: {
  runs: EndedRun[];
  reason: string;
  now?: Date;
}): Promise<string[]> {
  const requested: string[] = [];
  for (const run of runs) {
    // An unlinked or paused connection answers "inactive" or "paused": nothing waits for it.
    const result = await requestSync({
      connectionId: run.connectionId,
      syncType: run.syncType === "initial" || run.syncType === "manual" ? run.syncType : "incremental",
      trigger: "retry",
      details: { retry_of: run.syncId, reason },
      now,
    });
    if (result === "queued" || result === "already_queued") requested.push(run.connectionId);
  }
  return requested;
}

/** The reaper job: runs silent for longer than the lease are ended and requested again. */
export async function reapLostSyncs({
  leaseMs,
  now = new Date(),
}: {
  leaseMs: number;
  now?: Date;
}): Promise<{ reaped: EndedRun[]; requested: string[] }> {
  const reaped = await failQuietRuns({ staleBefore: new Date(now.getTime() - leaseMs), now });
  for (const run of reaped) {
    log.warn({ connectionId: run.connectionId, syncId: run.syncId, reason: WORKER_LOST }, "sync run reaped");
  }
  return { reaped, requested: await requestAgain({ runs: reaped, reason: WORKER_LOST, now }) };
}
