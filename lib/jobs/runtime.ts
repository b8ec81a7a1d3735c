// A process's job workers on pg-boss, whatever the jobs do: N "sync" slots, a "notify" worker, the
// scheduler's sweep (cron every minute, and once at start), the process's heartbeat (heartbeat.ts) and
// the reaper (every 5 s in each process, or sooner with a short lease), plus a graceful stop that lets
// the current jobs finish, or stops them, before the process goes. What each job does is the caller's:
// lib/workers hands in the sync and alert handlers.
import "server-only";
import { randomBytes } from "node:crypto";
import { hostname } from "node:os";
import type PgBoss from "pg-boss";
import { log, withLogContext } from "@/lib/log";
import {
  createBoss,
  createQueues,
  FX_RATES_QUEUE,
  HEALTH_QUEUE,
  type HealthJob,
  JOB_QUEUES,
  NOTIFY_QUEUE,
  type NotifyJob,
  type NotifyJobData,
  SCHEDULE_QUEUE,
  SYNC_QUEUE,
  type SyncJob,
  type SyncJobData,
  sendHealthJobs,
  sendNotifyJobs,
  sendSyncJobs,
} from "./boss";
import { registerJobQueue, unregisterJobQueue } from "./enqueue";
import { HEARTBEAT_EVERY_MS, startHeartbeat, WORKER_SILENT_BEATS, type WorkerKind } from "./heartbeat";
import { workSafely } from "./work";

/** Alert messages one worker process sends at once. */
const NOTIFY_BATCH = 4;

export type JobHandlers = {
  /**
   * Runs one sync job in a slot. Returns the job to send when it is done (a request that arrived during
   * the run, or a retry held back to its time), or null.
   */
  sync: (job: SyncJobData, context: { slotId: string; stopping: AbortSignal }) => Promise<SyncJob | null>;
  /** Sends one alert message; a retry comes back with its time. */
  notify: (job: NotifyJobData) => Promise<{ retryAt: Date } | null>;
  /** Checks one connection's item health (Plaid's /item/get and institution status). */
  health: (job: HealthJob) => Promise<void>;
  /** Fetches the day's reference exchange rates (daily, and once when workers start). */
  fxRates: () => Promise<void>;
  /** The minute sweep: the sync, notify and health-check jobs now due. */
  sweep: () => Promise<{ sync: SyncJob[]; notify: NotifyJob[]; health: HealthJob[] }>;
  /**
   * Ends the runs of dead workers: runs silent past their lease, and runs of workers that last beat
   * before `workersSilentSince` (null while this process cannot judge). Returns the sync jobs that
   * request them again.
   */
  reap: (rule: { workersSilentSince: Date | null }) => Promise<SyncJob[]>;
  /** After the runtime stopped taking and running jobs (close pooled connections, say). */
  onStop?: () => Promise<void>;
};

export type JobWorkers = {
  /** This process's worker id; each concurrent sync slot is `${workerId}/${slot}`. */
  workerId: string;
  boss: PgBoss;
  /** One scheduler sweep now. */
  sweep: () => Promise<void>;
  /** Stops taking jobs, waits up to graceMs for the current ones, then aborts them. */
  stop: (options?: { graceMs?: number }) => Promise<void>;
};

export function newWorkerId(): string {
  return `${hostname()}:${process.pid}:${randomBytes(3).toString("hex")}`;
}

export async function startJobWorkers({
  handlers,
  concurrency,
  kind = "worker",
  heartbeatEveryMs = HEARTBEAT_EVERY_MS,
  reapEveryMs = heartbeatEveryMs / 2,
  pollingIntervalSeconds = 2,
}: {
  handlers: JobHandlers;
  concurrency: number;
  /** How the process shows among the workers: `npm run worker`, or the web server's own. */
  kind?: WorkerKind;
  /** How often the process beats (a worker silent for two beats is dead). */
  heartbeatEveryMs?: number;
  /** How often this process runs the reaper (at most every half beat). */
  reapEveryMs?: number;
  pollingIntervalSeconds?: number;
}): Promise<JobWorkers> {
  const workerId = newWorkerId();
  const boss = createBoss({ role: "worker" });
  await boss.start();
  await createQueues(boss);
  const heartbeat = await startHeartbeat({ workerId, kind, everyMs: heartbeatEveryMs });

  // Every log line of a job carries its id, its queue and the worker (slot) running it.
  const inJob = <T>(job: { id: string } | undefined, queue: string, work: () => T, worker: string = workerId): T =>
    withLogContext({ jobId: job?.id, queue, workerId: worker }, work);

  const stopping = new AbortController();
  // Every handler's error is caught and every job ended, awaited, by us (work.ts).
  const work = <Data extends object>(
    name: string,
    options: Parameters<typeof workSafely>[2],
    handler: (jobs: PgBoss.Job<Data>[]) => Promise<unknown>,
  ) => workSafely<Data>(boss, name, options, handler, { stopping: stopping.signal });
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
    id = await work<SyncJobData>(SYNC_QUEUE, { batchSize: 1, pollingIntervalSeconds }, async ([job]) => {
      if (!job) return;
      const run = inJob(job, SYNC_QUEUE, () => handlers.sync(job.data, { slotId, stopping: stopping.signal }), slotId);
      running.add(run);
      try {
        const next = await run;
        if (next && !stopping.signal.aborted) await send([next]);
      } finally {
        running.delete(run);
        heartbeat.jobDone();
        // pg-boss waits out the polling interval after every fetch, even one that found a job; with a
        // backlog that would cap each slot at one run per interval. Asking again at once lets the runs
        // set the pace; an empty queue then waits the interval as usual.
        if (!stopping.signal.aborted) boss.notifyWorker(id);
      }
    });
    syncWorkers.push(id);
  }

  // Alert messages: a few at a time, each a network call to a mail server, push service or SMS API.
  notifyWorker = await work<NotifyJobData>(
    NOTIFY_QUEUE,
    { batchSize: NOTIFY_BATCH, pollingIntervalSeconds },
    async (jobs) => {
      const retries: NotifyJob[] = [];
      await Promise.all(
        jobs.map((job) =>
          inJob(job, NOTIFY_QUEUE, async () => {
            const result = await handlers.notify(job.data);
            heartbeat.jobDone();
            if (result) retries.push({ ...job.data, startAfter: result.retryAt });
          }),
        ),
      );
      await sendNotifyJobs(boss, retries);
    },
  );

  // Health checks: one at a time per process, each two Plaid calls; a failure is logged and waits a day.
  await work<HealthJob>(HEALTH_QUEUE, { batchSize: 1, pollingIntervalSeconds }, async ([job]) => {
    if (!job) return;
    const run = inJob(job, HEALTH_QUEUE, () =>
      handlers.health(job.data).catch((error: unknown) => {
        log.error({ err: error, connectionId: job.data.connectionId }, "item-health check failed");
      }),
    );
    running.add(run);
    try {
      await run;
    } finally {
      running.delete(run);
      heartbeat.jobDone();
    }
  });
  const health = (jobs: HealthJob[]) => sendHealthJobs(boss, jobs);

  // Exchange rates: the ECB publishes around 16:00 CET on working days; the fetch at 16:30 UTC gets that
  // day's file, and one at start fills a new installation. A failure is logged and waits a day.
  await work(FX_RATES_QUEUE, { pollingIntervalSeconds: 30 }, async ([job]) => {
    await inJob(job, FX_RATES_QUEUE, () =>
      handlers.fxRates().catch((error: unknown) => log.error({ err: error }, "fx-rates: fetching failed")),
    );
  });
  await boss.schedule(FX_RATES_QUEUE, "30 16 * * *", {}, { singletonKey: FX_RATES_QUEUE });
  await boss.send(FX_RATES_QUEUE, {}, { singletonKey: FX_RATES_QUEUE });

  const sweep = async () => {
    const due = await handlers.sweep();
    await send(due.sync);
    await notify(due.notify);
    await health(due.health);
  };
  await work(SCHEDULE_QUEUE, { pollingIntervalSeconds: 5 }, ([job]) => inJob(job, SCHEDULE_QUEUE, sweep));
  // Every minute, whichever worker process the cron job reaches; one queued sweep at a time.
  await boss.schedule(SCHEDULE_QUEUE, "* * * * *", {}, { singletonKey: SCHEDULE_QUEUE });
  await boss.send(SCHEDULE_QUEUE, {}, { singletonKey: SCHEDULE_QUEUE });

  // The reaper runs here, not as a queued job: each process checks often (one indexed query over the
  // runs in progress), so a dead worker's runs are back in the queue within seconds of the verdict.
  const reapEvery = Math.max(50, Math.min(reapEveryMs, heartbeatEveryMs / 2));
  const silentMs = heartbeatEveryMs * WORKER_SILENT_BEATS;
  let reaping: Promise<void> | null = null;
  const reap = () =>
    withLogContext({ queue: "reaper", workerId }, async () => {
      const workersSilentSince = heartbeat.canJudgeOthers() ? new Date(Date.now() - silentMs) : null;
      await send(await handlers.reap({ workersSilentSince }));
    });
  const reapTimer = setInterval(() => {
    if (reaping) return;
    reaping = reap()
      .catch((error: unknown) => log.error({ err: error }, "job queue: the reaper failed"))
      .finally(() => {
        reaping = null;
      });
  }, reapEvery);
  reapTimer.unref();

  registerJobQueue(async () => ({ send, notify, health }));

  const stop = async ({ graceMs = 25_000 }: { graceMs?: number } = {}) => {
    clearInterval(reapTimer);
    await reaping;
    await unregisterJobQueue();
    for (const name of JOB_QUEUES) {
      await boss.offWork(name);
    }
    await settle(running, graceMs);
    // Still running: the handlers see the abort and stop (a sync stops at its next page).
    stopping.abort();
    await settle(running, 10_000);
    await boss.stop({ graceful: true, timeout: 1_000, wait: true });
    // Gone cleanly: the row goes too, so the process no longer counts among the live workers.
    await heartbeat.stop();
    await handlers.onStop?.();
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
export function registerJobSender(): void {
  registerJobQueue(async () => {
    const boss = createBoss({ role: "sender" });
    await boss.start();
    await createQueues(boss);
    return {
      send: (jobs) => sendSyncJobs(boss, jobs),
      notify: (jobs) => sendNotifyJobs(boss, jobs),
      health: (jobs) => sendHealthJobs(boss, jobs),
      close: () => boss.stop({ graceful: false }),
    };
  });
}
