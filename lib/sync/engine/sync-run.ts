// One sync run as the engine's steps see it: the transaction_syncs row its pages report to, the
// worker's heartbeat and stop signal, and the progress so far (kept in memory and written with each
// page, so the row's counts always match the data committed). Also the engine's own failures.
import "server-only";
import type { SyncCounts } from "@/lib/sync/sync-record";

export type RunProgress = {
  counts: SyncCounts;
  /** /transactions/sync pages applied (a restarted pagination's pages count again). */
  pages: number;
  /** Paginations restarted after TRANSACTIONS_SYNC_MUTATION_DURING_PAGINATION. */
  restarts: number;
  /** The connection's stored cursor when the run began, and as the last committed page left it. */
  cursorBefore: string | null;
  cursorAfter: string | null;
};

export type SyncRun = {
  /** The claimed transaction_syncs row; null records no progress (benchmarks of the write path). */
  syncId: string | null;
  /** The worker that claimed it: a page commits only while the row is in_progress and still this worker's. */
  workerId: string | null;
  /** Renews the worker's lease; called between pages. A throw stops the run (the lease is lost). */
  heartbeat: () => Promise<void>;
  /** Aborted when the worker shuts down: the run stops between pages and is retried. */
  signal?: AbortSignal;
  progress: RunProgress;
};

export function createSyncRun({
  syncId = null,
  workerId = null,
  heartbeat = async () => {},
  signal,
}: Partial<Pick<SyncRun, "syncId" | "workerId" | "heartbeat" | "signal">> = {}): SyncRun {
  return {
    syncId,
    workerId,
    heartbeat,
    signal,
    progress: {
      counts: { processed: 0, added: 0, updated: 0, deleted: 0, failed: 0 },
      pages: 0,
      restarts: 0,
      cursorBefore: null,
      cursorAfter: null,
    },
  };
}

/** The cursor moved under this run (a concurrent sync of the same connection): its page was not applied. */
export class SyncSupersededError extends Error {
  constructor() {
    super("another sync of this connection moved its transactions cursor; this run stopped");
    this.name = "SyncSupersededError";
  }
}

/** The run row is no longer this worker's in_progress run (reaped as WORKER_LOST, or cancelled). */
export class SyncRunLostError extends Error {
  constructor(syncId: string) {
    super(`sync ${syncId} is no longer in progress for this worker`);
    this.name = "SyncRunLostError";
  }
}

/** The heartbeat failed: the worker may have lost its lease on the connection. */
export class LeaseLostError extends Error {
  constructor(options?: { cause?: unknown }) {
    super("the worker could not renew its lease on the connection", options);
    this.name = "LeaseLostError";
  }
}

/** The worker is shutting down. */
export class SyncAbortedError extends Error {
  constructor() {
    super("the worker stopped before the sync finished");
    this.name = "SyncAbortedError";
  }
}

/**
 * Between two steps: the heartbeat first (a lost lease is LEASE_LOST even when the queue also aborted
 * the signal for it), then the stop signal (a shutdown).
 */
export async function checkpoint(run: SyncRun): Promise<void> {
  try {
    await run.heartbeat();
  } catch (error) {
    throw new LeaseLostError({ cause: error });
  }
  if (run.signal?.aborted) throw new SyncAbortedError();
}
