// A process's sync workers on pg-boss: N "sync" workers, the scheduler job (cron every minute, and once
// at start) and the reaper (every 30 s, or sooner with a short lease), plus a graceful stop that lets
// the current runs finish, or stops and re-requests them, before the process goes.
import "server-only";
import { randomBytes } from "node:crypto";
import { hostname } from "node:os";
import type PgBoss from "pg-boss";
import { closeChannelSenders } from "@/lib/notifications/channels";
import { deliverMessage } from "@/lib/notifications/delivery/deliver";
import { sweepNotificationMessages } from "@/lib/notifications/delivery/sweep";
import {
  createBoss,
  createQueues,
  NOTIFY_QUEUE,
  type NotifyJob,
  type NotifyJobData,
  REAP_QUEUE,
  SCHEDULE_QUEUE,
  SYNC_QUEUE,
  type SyncJob,
  type SyncJobData,
  sendNotifyJobs,
  sendSyncJobs,
} from "./boss";
import { registerSyncQueue, unregisterSyncQueue } from "./enqueue";
import { reapLostSyncs } from "./reaper";
import { type ExecuteSync, runSyncJob } from "./run-sync-job";
import { findRunnablePendingSyncs, requestDueSyncs } from "./scheduler";

/** How long a run may go without a heartbeat before another worker may take its connection. */
export const DEFAULT_LEASE_MS = 60_000;
const MAX_REAP_EVERY_MS = 30_000;
/** Alert messages one worker process sends at once. */
const NOTIFY_BATCH = 4;

export type SyncWorkers = {
  /** This process's worker id; each concurrent slot leases as `${workerId}/${slot}`. */
  workerId: string;
  boss: PgBoss;
  /** One scheduler sweep now: request due syncs, send a job for every runnable pending run. */
  sweep: () => Promise<void>;
  /** Stops taking jobs, waits up to graceMs for the current runs, then stops them (they run again elsewhere). */
  stop: (options?: { graceMs?: number }) => Promise<void>;
};

export function newWorkerId(): string {
  return `${hostname()}:${process.pid}:${randomBytes(3).toString("hex")}`;
}

export async function startSyncWorkers({
  execute,
  concurrency,
  leaseMs = DEFAULT_LEASE_MS,
  pollingIntervalSeconds = 2,
}: {
  execute: ExecuteSync;
  concurrency: number;
  leaseMs?: number;
  pollingIntervalSeconds?: number;
}): Promise<SyncWorkers> {
  const workerId = newWorkerId();
  const boss = createBoss({ role: "worker" });
  await boss.start();
  await createQueues(boss);

  const stopping = new AbortController();
  const running = new Set<Promise<unknown>>();
  const syncWorkers: string[] = [];
  const send = async (jobs: SyncJob[]) => {
    await sendSyncJobs(boss, jobs);
    // Idle local workers poll every few seconds; a nudge starts the new job now.
    if (jobs.length > 0) for (const id of syncWorkers) boss.notifyWorker(id);
  };
  let notifyWorker = "";
  const notify = async (jobs: NotifyJob[]) => {
    await sendNotifyJobs(boss, jobs);
    if (jobs.some((job) => !job.startAfter) && notifyWorker) boss.notifyWorker(notifyWorker);
  };

  for (let slot = 1; slot <= concurrency; slot++) {
    const slotId = `${workerId}/${slot}`;
    let id = "";
    id = await boss.work<SyncJobData>(SYNC_QUEUE, { batchSize: 1, pollingIntervalSeconds }, async ([job]) => {
      if (!job) return;
      const run = runSyncJob({
        connectionId: job.data.connectionId,
        workerId: slotId,
        leaseMs,
        execute,
        stopping: stopping.signal,
      });
      running.add(run);
      try {
        const result = await run;
        // A request that arrived during the run can start now that the lease is free; a retry of a
        // failure is held back until its retry_after (a second's margin for clocks). A job that found
        // only a retry not yet due sends one for it too: the retry's own job may have been dropped as
        // a duplicate of this one.
        if (result.result !== "not_claimed" && result.nextRunAt && !stopping.signal.aborted) {
          const startAfter = result.nextRunAt > new Date() ? new Date(result.nextRunAt.getTime() + 1000) : undefined;
          await send([{ connectionId: job.data.connectionId, startAfter }]);
        }
      } finally {
        running.delete(run);
        // pg-boss waits out the polling interval after every fetch, even one that found a job; with a
        // backlog that would cap each slot at one run per interval. Asking again at once lets the runs
        // set the pace; an empty queue then waits the interval as usual.
        if (!stopping.signal.aborted) boss.notifyWorker(id);
      }
    });
    syncWorkers.push(id);
  }

  // Alert messages: a few at a time, each a network call to a mail server, push service or SMS API.
  notifyWorker = await boss.work<NotifyJobData>(
    NOTIFY_QUEUE,
    { batchSize: NOTIFY_BATCH, pollingIntervalSeconds },
    async (jobs) => {
      const retries: NotifyJob[] = [];
      await Promise.all(
        jobs.map(async (job) => {
          const result = await deliverMessage({ messageId: job.data.messageId });
          if (result.outcome === "retry") retries.push({ messageId: job.data.messageId, startAfter: result.retryAt });
        }),
      );
      await sendNotifyJobs(boss, retries);
    },
  );

  const sweep = async () => {
    await requestDueSyncs();
    await send(await findRunnablePendingSyncs());
    await notify((await sweepNotificationMessages()).map((messageId) => ({ messageId })));
  };
  await boss.work(SCHEDULE_QUEUE, { pollingIntervalSeconds: 5 }, sweep);
  await boss.work(REAP_QUEUE, { pollingIntervalSeconds: 5 }, async () => {
    const { requested } = await reapLostSyncs({ leaseMs });
    await send(requested.map((connectionId) => ({ connectionId })));
  });
  // Every minute, whichever worker process the cron job reaches; one queued sweep at a time.
  await boss.schedule(SCHEDULE_QUEUE, "* * * * *", {}, { singletonKey: SCHEDULE_QUEUE });
  await boss.send(SCHEDULE_QUEUE, {}, { singletonKey: SCHEDULE_QUEUE });

  // pg-boss's cron has minute resolution; the reaper is throttled to one job per interval instead,
  // however many processes send it.
  const reapEverySeconds = Math.max(1, Math.round(Math.min(MAX_REAP_EVERY_MS, leaseMs / 2) / 1000));
  const sendReap = () =>
    boss
      .send(REAP_QUEUE, {}, { singletonKey: REAP_QUEUE, singletonSeconds: reapEverySeconds })
      .catch((error: Error) => console.error(`sync queue: could not send the reaper job: ${error.message}`));
  await sendReap();
  const reapTimer = setInterval(sendReap, reapEverySeconds * 1000);
  reapTimer.unref();

  registerSyncQueue(async () => ({ send, notify }));

  const stop = async ({ graceMs = 25_000 }: { graceMs?: number } = {}) => {
    clearInterval(reapTimer);
    await unregisterSyncQueue();
    for (const name of [SYNC_QUEUE, NOTIFY_QUEUE, SCHEDULE_QUEUE, REAP_QUEUE]) await boss.offWork(name);
    await settle(running, graceMs);
    // Still running: the engine stops at its next page; the run is recorded and requested again.
    stopping.abort();
    await settle(running, 10_000);
    await boss.stop({ graceful: true, timeout: 1_000, wait: true });
    // The pooled SMTP connections the notify jobs opened.
    await closeChannelSenders();
  };

  return { workerId, boss, sweep, stop };
}

async function settle(running: Set<Promise<unknown>>, timeoutMs: number): Promise<void> {
  if (running.size === 0) return;
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([
    Promise.allSettled([...running]),
    new Promise((resolve) => {
      timer = setTimeout(resolve, timeoutMs);
    }),
  ]);
  clearTimeout(timer);
}

/** A send-only pg-boss for a process without workers (the web server on PostgreSQL), opened on first use. */
export function registerSyncSender(): void {
  registerSyncQueue(async () => {
    const boss = createBoss({ role: "sender" });
    await boss.start();
    await createQueues(boss);
    return {
      send: (jobs) => sendSyncJobs(boss, jobs),
      notify: (jobs) => sendNotifyJobs(boss, jobs),
      close: () => boss.stop({ graceful: false }),
    };
  });
}
