// Runs whose worker died (kill -9, a lost machine, a frozen process) stop heartbeating, and so does the
// worker process. The reaper ends them as failed with WORKER_LOST at their last sign of life, gives their
// connection's lease back and requests the sync again.
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
 * What makes a run lost. `staleBefore`: the run itself was last heard from (its lease heartbeat) before
 * then. `workersSilentSince`: its worker process (the slot id's `${workerId}` part) last beat before then
 * (lib/jobs/heartbeat.ts), so a dead worker is noticed long before its runs' leases run out. A run of a
 * worker with no heartbeat row is judged by its lease alone.
 */
export type LostRunRule = { staleBefore?: Date | null; workersSilentSince?: Date | null };

/**
 * Ends one in-progress run as failed, under its connection's row lock (the order requestSync and
 * claimSync lock in). With a LostRunRule the silence is checked again inside the lock, so a heartbeat
 * that lands meanwhile keeps its run alive, and the run is recorded as ended at its last sign of life
 * (its own heartbeat or its worker's last beat), not at the reap. Without one it ends now. The lease is
 * released only if the run's worker holds it.
 */
export async function failOpenRun({
  run,
  errorCode,
  errorMessage,
  staleBefore = null,
  workersSilentSince = null,
  retryAfter = null,
  now = new Date(),
}: LostRunRule & {
  run: OpenRun;
  errorCode: string;
  errorMessage: string;
  retryAfter?: Date | null;
  now?: Date;
}): Promise<boolean> {
  const reaping = staleBefore !== null || workersSilentSince !== null;
  return db.$transaction(async (tx) => {
    await lockConnection(tx, run.plaid_connection_id);
    const count = await tx.$executeRaw`
      WITH target AS (
        SELECT s.id, COALESCE(s.started_at, s.created_at) AS began_at,
               GREATEST(s.heartbeat_at, w.last_beat_at) AS last_sign
        FROM transaction_syncs s
        LEFT JOIN worker_heartbeats w
          ON w.id = split_part(s.worker_id, '/', 1) AND w.last_beat_at < ${workersSilentSince}::timestamptz
        WHERE s.id = ${run.id}::uuid AND s.status = 'in_progress'
          AND (NOT ${reaping}::boolean
               OR COALESCE(s.heartbeat_at, s.started_at, s.created_at) < ${staleBefore}::timestamptz
               OR w.id IS NOT NULL)
      ), ended AS (
        -- Another host's clock may be behind the one that started the run: never end before the start.
        SELECT id, CASE WHEN ${reaping}::boolean
                        THEN GREATEST(began_at, LEAST(${now}::timestamptz, COALESCE(last_sign, ${now}::timestamptz)))
                        ELSE GREATEST(began_at, ${now}::timestamptz) END AS at
        FROM target
      )
      UPDATE transaction_syncs s
      SET status = 'failed', error_code = ${errorCode}, error_message = ${errorMessage},
          completed_at = GREATEST(target.began_at, ${now}::timestamptz), retry_after = ${retryAfter},
          duration = GREATEST(0, EXTRACT(EPOCH FROM (ended.at - COALESCE(s.started_at, ended.at))))
      FROM ended JOIN target ON target.id = ended.id
      WHERE s.id = ended.id`;
    if (count !== 1) return false;
    await tx.$executeRaw`
      UPDATE plaid_connections SET sync_lease_owner = NULL, sync_lease_expires_at = NULL
      WHERE id = ${run.plaid_connection_id}::uuid AND sync_lease_owner IS NOT DISTINCT FROM ${run.worker_id}`;
    return true;
  });
}

/** Ends, as WORKER_LOST, every in-progress run the rule finds lost. */
export async function failQuietRuns({
  staleBefore = null,
  workersSilentSince = null,
  now = new Date(),
}: LostRunRule & { now?: Date }): Promise<EndedRun[]> {
  const quiet = await db.$queryRaw<OpenRun[]>`
    SELECT s.id, s.plaid_connection_id, s.worker_id, s.sync_type FROM transaction_syncs s
    LEFT JOIN worker_heartbeats w
      ON w.id = split_part(s.worker_id, '/', 1) AND w.last_beat_at < ${workersSilentSince}::timestamptz
    WHERE s.status = 'in_progress'
      AND (COALESCE(s.heartbeat_at, s.started_at, s.created_at) < ${staleBefore}::timestamptz OR w.id IS NOT NULL)
    ORDER BY s.heartbeat_at NULLS FIRST
    LIMIT 500`;
  const ended: EndedRun[] = [];
  for (const run of quiet) {
    const failed = await failOpenRun({
      run,
      errorCode: WORKER_LOST,
      errorMessage: WORKER_LOST_MESSAGE,
      staleBefore,
      workersSilentSince,
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

/**
 * The reaper: runs silent for longer than the lease, or whose worker stopped beating (`workersSilentSince`,
 * null while the calling process cannot judge), are ended and requested again.
 */
export async function reapLostSyncs({
  leaseMs,
  workersSilentSince = null,
  now = new Date(),
}: {
  leaseMs: number;
  workersSilentSince?: Date | null;
  now?: Date;
}): Promise<{ reaped: EndedRun[]; requested: string[] }> {
  const reaped = await failQuietRuns({ staleBefore: new Date(now.getTime() - leaseMs), workersSilentSince, now });
  for (const run of reaped) {
    log.warn({ connectionId: run.connectionId, syncId: run.syncId, reason: WORKER_LOST }, "sync run reaped");
  }
  return { reaped, requested: await requestAgain({ runs: reaped, reason: WORKER_LOST, now }) };
}
