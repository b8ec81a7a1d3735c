// One "sync" job: claim the connection's pending run, keep its lease alive while the engine runs it,
// make sure it ends (the engine finishes it; a crash or a shutdown is recorded here), give the lease back.
import "server-only";
import { db } from "@/lib/db";
import { isDatabaseUnavailable, retryWhileDatabaseDown } from "@/lib/db/availability";
import { log } from "@/lib/log";
import { DATABASE_UNAVAILABLE, DATABASE_UNAVAILABLE_MESSAGE } from "@/lib/sync/engine/classify-error";
import { updateSyncStatus } from "@/lib/sync/update-sync-status";
import { type ClaimRefusal, claimSync, heartbeatSync, releaseSync } from "./lease";
import { failOpenRun, requestAgain } from "./reaper";

/** What the engine (lib/sync/engine executeSync) is to the queue: it runs one claimed run to its end. */
export type ExecuteSync = (input: {
  syncId: string;
  workerId: string;
  /** Call between pages: throws once the run is no longer this worker's (its lease was lost). */
  heartbeat: () => Promise<void>;
  signal?: AbortSignal;
}) => Promise<unknown>;

export const WORKER_STOPPED = "WORKER_STOPPED";
export const SYNC_ERROR = "SYNC_ERROR";

// A pending run waiting out its retry_after (the engine's retry of a failure) is not taken early: the job
// the worker sends for it starts after that time, and the scheduler's sweep covers any other path.
const duePending = () => ({
  status: "pending",
  OR: [{ retryAfter: null }, { retryAfter: { lte: new Date() } }],
});

export type RunSyncJobResult =
  | {
      result: "nothing_pending";
      /**
       * A retry still waiting for its retry_after, if any. Its own job may have been dropped as a
       * duplicate of the one that brought the worker here, so the worker sends one for then.
       */
      nextRunAt: Date | null;
    }
  | { result: "not_claimed"; syncId: string; reason: ClaimRefusal }
  | {
      result: "ran";
      syncId: string;
      status: string;
      /** When the connection's next pending run may start (now, or a retry's retry_after); null if none. */
      nextRunAt: Date | null;
    };

export async function runSyncJob({
  connectionId,
  workerId,
  leaseMs,
  execute,
  stopping,
}: {
  connectionId: string;
  workerId: string;
  leaseMs: number;
  execute: ExecuteSync;
  /** Aborted when the worker process shuts down: the engine should stop between pages. */
  stopping?: AbortSignal;
}): Promise<RunSyncJobResult> {
  const pending = await db.transactionSync.findFirst({
    where: { plaidConnectionId: connectionId, ...duePending() },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    select: { id: true },
  });
  if (!pending) return { result: "nothing_pending", nextRunAt: await nextRunAt(connectionId) };
  const claim = await claimSync({ syncId: pending.id, workerId, leaseMs });
  if (!claim.claimed) return { result: "not_claimed", syncId: pending.id, reason: claim.reason };

  const started = Date.now();
  const leaseLost = new AbortController();
  const signal = stopping ? AbortSignal.any([leaseLost.signal, stopping]) : leaseLost.signal;
  const stopHeartbeat = keepLeaseAlive({ syncId: claim.syncId, workerId, leaseMs, onLost: () => leaseLost.abort() });
  let crash: unknown;
  try {
    await execute({
      syncId: claim.syncId,
      workerId,
      signal,
      // The timer renews the lease; the engine's beat between pages only learns whether it still holds it.
      heartbeat: async () => {
        if (leaseLost.signal.aborted) throw new Error(`sync ${claim.syncId}: this worker lost the lease`);
      },
    });
  } catch (error) {
    crash = error;
  } finally {
    stopHeartbeat();
  }

  // The database may be what failed (a restart, a cut): the run is then ended, and requested again, once
  // it answers, by this worker rather than left to the reaper. Each step is safe to repeat.
  let loggedOutage = false;
  const run = await retryWhileDatabaseDown(
    async () => {
      await endUnfinishedRun({
        syncId: claim.syncId,
        connectionId,
        workerId,
        crash,
        stopping: stopping?.aborted ?? false,
        databaseLost: loggedOutage || isDatabaseUnavailable(crash),
      });
      await releaseSync({ connectionId, workerId });
      return db.transactionSync.findUniqueOrThrow({ where: { id: claim.syncId } });
    },
    {
      signal: stopping,
      onDown: (error) => {
        if (!loggedOutage)
          log.error({ syncId: claim.syncId, err: error }, "sync run: the database is unavailable; waiting for it");
        loggedOutage = true;
      },
    },
  );
  log.info(
    {
      connectionId,
      syncId: run.id,
      syncType: run.syncType,
      status: run.status,
      added: run.recordsAdded,
      updated: run.recordsUpdated,
      deleted: run.recordsDeleted,
      failed: run.recordsFailed,
      durationMs: Date.now() - started,
      ...(run.errorCode ? { errorCode: run.errorCode } : {}),
    },
    `sync ${run.status}`,
  );
  return { result: "ran", syncId: run.id, status: run.status, nextRunAt: await nextRunAt(connectionId) };
}

/** A request that arrived during the run, or the engine's retry of a failure: when it may start. */
async function nextRunAt(connectionId: string): Promise<Date | null> {
  const next = await db.transactionSync.findFirst({
    where: { plaidConnectionId: connectionId, status: "pending" },
    orderBy: [{ retryAfter: { sort: "asc", nulls: "first" } }, { createdAt: "asc" }],
    select: { retryAfter: true },
  });
  if (!next) return null;
  const now = new Date();
  return next.retryAfter && next.retryAfter > now ? next.retryAfter : now;
}

/** Renews the lease every leaseMs/3 until stopped; `onLost` once the run is no longer ours. */
function keepLeaseAlive({
  syncId,
  workerId,
  leaseMs,
  onLost,
}: {
  syncId: string;
  workerId: string;
  leaseMs: number;
  onLost: () => void;
}): () => void {
  let beating = false;
  const timer = setInterval(
    async () => {
      if (beating) return;
      beating = true;
      try {
        if (!(await heartbeatSync({ syncId, workerId, leaseMs }))) {
          clearInterval(timer);
          onLost();
        }
      } catch (error) {
        // A database hiccup: the next beat tries again; a lease that runs out is the reaper's to handle.
        log.error({ syncId, err: error }, "sync heartbeat failed");
      } finally {
        beating = false;
      }
    },
    Math.max(50, Math.floor(leaseMs / 3)),
  );
  return () => clearInterval(timer);
}

/**
 * The engine finishes its runs itself; one still in progress here means it threw or was stopped. A
 * shutdown's run is requested again at once (another worker takes it); a crash counts as the
 * connection's failure and is retried after the backoff updateSyncStatus sets.
 */
async function endUnfinishedRun({
  syncId,
  connectionId,
  workerId,
  crash,
  stopping,
  databaseLost,
}: {
  syncId: string;
  connectionId: string;
  workerId: string;
  crash: unknown;
  stopping: boolean;
  /** The run failed for want of the database, which answers again now. */
  databaseLost: boolean;
}): Promise<void> {
  const run = await db.transactionSync.findUnique({
    where: { id: syncId },
    select: { status: true, workerId: true, syncType: true },
  });
  if (run?.status !== "in_progress" || run.workerId !== workerId) return;
  const open = { id: syncId, plaid_connection_id: connectionId, worker_id: workerId, sync_type: run.syncType };
  // Neither the bank's nor the connection's doing: run again at once, the connection's counters untouched.
  if (stopping || databaseLost) {
    const [errorCode, message] = stopping
      ? [WORKER_STOPPED, "The worker stopped before this sync finished; the sync will run again."]
      : [DATABASE_UNAVAILABLE, DATABASE_UNAVAILABLE_MESSAGE];
    if (await failOpenRun({ run: open, errorCode, errorMessage: message, retryAfter: new Date() })) {
      await requestAgain({ runs: [{ syncId, connectionId, syncType: run.syncType }], reason: errorCode });
    }
    return;
  }
  // The error's name and code only: a message could quote a request.
  if (crash) log.error({ syncId, error: describeError(crash) }, "sync engine failed");
  const message = "The sync stopped on an unexpected error; it will be retried.";
  if (await failOpenRun({ run: open, errorCode: SYNC_ERROR, errorMessage: message })) {
    const connection = await updateSyncStatus({
      connectionId,
      success: false,
      errorCode: SYNC_ERROR,
      errorMessage: message,
    });
    await db.transactionSync.update({ where: { id: syncId }, data: { retryAfter: connection.nextSyncAt } });
  }
}

/**
 * The error's name and code, and for a database error the driver's kind and SQLSTATE (say 40P01, a
 * deadlock): enough to find the cause, never a message that could quote a request.
 */
export function describeError(error: unknown): string {
  const { name, code, meta } = (error ?? {}) as {
    name?: unknown;
    code?: unknown;
    meta?: { driverAdapterError?: { cause?: { kind?: unknown; originalCode?: unknown } } };
  };
  const cause = meta?.driverAdapterError?.cause;
  return [
    typeof name === "string" ? name : "Error",
    typeof code === "string" ? code : null,
    typeof cause?.kind === "string" ? cause.kind : null,
    typeof cause?.originalCode === "string" ? `SQLSTATE ${cause.originalCode}` : null,
  ]
    .filter(Boolean)
    .join(" ");
}

/** How long a run may go without a heartbeat before another worker may take its connection. */
export const DEFAULT_LEASE_MS = 60_000;

/**
 * A "sync" job as a worker slot runs it: the run, then the job to send for what waits behind it. A
 * request that arrived during the run can start now that the lease is free; a retry of a failure is
 * held back until its retry_after (a second's margin for clocks). A job that found only a retry not yet
 * due sends one for it too: the retry's own job may have been dropped as a duplicate of this one.
 */
export async function handleSyncJob({
  connectionId,
  workerId,
  leaseMs = DEFAULT_LEASE_MS,
  execute,
  stopping,
}: {
  connectionId: string;
  workerId: string;
  leaseMs?: number;
  execute: ExecuteSync;
  stopping?: AbortSignal;
}): Promise<{ connectionId: string; startAfter?: Date } | null> {
  const result = await runSyncJob({ connectionId, workerId, leaseMs, execute, stopping });
  if (result.result === "not_claimed" || !result.nextRunAt) return null;
  const startAfter = result.nextRunAt > new Date() ? new Date(result.nextRunAt.getTime() + 1000) : undefined;
  return { connectionId, startAfter };
}
