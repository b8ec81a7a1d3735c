// pg-boss on whichever backend the app runs: its own pool on PostgreSQL, the app's own PGlite instance on
// the embedded database (one process may open the folder, so the queue must share the app's handle).
import "server-only";
import type { PGlite } from "@electric-sql/pglite";
import PgBoss from "pg-boss";
import { getBackend } from "@/lib/db";
import { log } from "@/lib/log";

export const QUEUE_SCHEMA = "pgboss";

export const SYNC_QUEUE = "sync";
export const SCHEDULE_QUEUE = "sync-schedule";
/** Alert messages to send (lib/notifications/delivery): one job per message. */
export const NOTIFY_QUEUE = "notify";
/** Item health checks (lib/connections/item-health.ts): one job per connection, after link and daily. */
export const HEALTH_QUEUE = "item-health";
/** The daily fetch of reference exchange rates (lib/fx): one job a day, and one at a worker's start. */
export const FX_RATES_QUEUE = "fx-rates";

/** Every queue, in the order operators read them (metrics list each, zero when empty). */
export const JOB_QUEUES = [SYNC_QUEUE, NOTIFY_QUEUE, HEALTH_QUEUE, FX_RATES_QUEUE, SCHEDULE_QUEUE] as const;

/** A sync job names the connection; the worker claims whichever run of it is pending when it starts. */
export type SyncJobData = { connectionId: string; syncId?: string };

// Runs can take minutes (an initial sync of two years of transactions); pg-boss must not give up on
// one early. Our lease, not the job's expiry, is what detects a dead worker.
const SYNC_JOB_EXPIRE_SECONDS = 60 * 60;

/**
 * PGlite through pg-boss's `db` option. Without values pg-boss may send several statements at once
 * (its install and maintenance scripts), which only PGlite's simple-protocol `exec` accepts; the last
 * statement's rows are the answer, as node-postgres gives for a single statement.
 */
export function pgliteExecutor(pglite: PGlite): PgBoss.Db {
  return {
    async executeSql(text: string, values?: unknown[]) {
      if (values && values.length > 0) {
        const result = await pglite.query<Record<string, unknown>>(text, values);
        return { rows: result.rows };
      }
      const results = await pglite.exec(text);
      return { rows: (results.at(-1)?.rows ?? []) as Record<string, unknown>[] };
    },
  };
}

export type BossRole = "sender" | "worker";

/**
 * A pg-boss instance (not started). A sender only sends; a worker process also runs pg-boss's
 * maintenance (expiry, archiving) and its cron clock, which several processes may run at once.
 */
export function createBoss({ role }: { role: BossRole }): PgBoss {
  const backend = getBackend();
  const common = {
    schema: QUEUE_SCHEMA,
    supervise: role === "worker",
    schedule: role === "worker",
    migrate: true,
  };
  const boss =
    backend.kind === "postgresql"
      ? new PgBoss({ ...common, connectionString: backend.url, max: role === "worker" ? 4 : 2 })
      : new PgBoss({ ...common, db: pgliteExecutor(backend.pglite) });
  // pg-boss reports polling and maintenance failures (database restarts, say) as events; without a
  // listener Node would treat them as unhandled and stop the process.
  boss.on("error", logQueueError());
  return boss;
}

const QUIET_MS = 10_000;

/**
 * pg-boss's errors, at most one line per 10 s: while the database is away every worker loop fails at
 * each poll, and the first line (then a count) says as much as all of them.
 */
function logQueueError(): (error: Error) => void {
  let lastAt = 0;
  let quiet = 0;
  return (error) => {
    const now = Date.now();
    if (now - lastAt < QUIET_MS) {
      quiet += 1;
      return;
    }
    const more = quiet > 0 ? ` (and ${quiet} more error(s) in the last ${Math.round((now - lastAt) / 1000)} s)` : "";
    log.error({ err: error, suppressed: quiet }, `job queue error${more}`);
    lastAt = now;
    quiet = 0;
  };
}

/**
 * The queues, created if missing. "short" keeps at most one queued job per connection (singletonKey)
 * and lets a new one queue while another runs. The stricter "singleton" and "stately" policies would
 * also hold a second job back while one is active, but pg-boss 10 then fails the whole fetch with a
 * unique-key violation and stalls the queue; the connection lease (lease.ts) is what keeps two runs
 * of one connection apart. pg-boss never retries: a failed run is retried by our own schedule.
 */
export async function createQueues(boss: PgBoss): Promise<void> {
  const queues: PgBoss.Queue[] = [
    { name: SYNC_QUEUE, policy: "short", retryLimit: 0, expireInSeconds: SYNC_JOB_EXPIRE_SECONDS },
    { name: SCHEDULE_QUEUE, policy: "short", retryLimit: 0, expireInSeconds: 5 * 60 },
    // Retries are ours too (the message's next_attempt_at, with backoff), not pg-boss's.
    { name: NOTIFY_QUEUE, policy: "short", retryLimit: 0, expireInSeconds: 5 * 60 },
    // A check that fails waits for the next day's (or the next link's); the sweep finds it again.
    { name: HEALTH_QUEUE, policy: "short", retryLimit: 0, expireInSeconds: 5 * 60 },
    // A failed fetch waits for the next day's (the rates of a missed day come with the next file).
    { name: FX_RATES_QUEUE, policy: "short", retryLimit: 0, expireInSeconds: 10 * 60 },
  ];
  for (const queue of queues) {
    if (await boss.getQueue(queue.name)) continue;
    // Each queue is a partition whose foreign key locks pg-boss's queue table: two processes creating
    // queues at the same first start can deadlock, and PostgreSQL then aborts one of them. Try again.
    for (let attempt = 1; ; attempt++) {
      try {
        await boss.createQueue(queue.name, queue);
        break;
      } catch (error) {
        if ((error as { code?: unknown }).code !== DEADLOCK || attempt >= 5) throw error;
        await new Promise((resolve) => setTimeout(resolve, 50 + Math.random() * 200 * attempt));
      }
    }
  }
}

// PostgreSQL's deadlock_detected.
const DEADLOCK = "40P01";

/** A job to send; `startAfter` holds it back until a retry's retry_after. */
export type SyncJob = SyncJobData & { startAfter?: Date };

/** Sends sync jobs for these connections; duplicates of a job already queued are dropped by the policy. */
export async function sendSyncJobs(boss: PgBoss, jobs: SyncJob[]): Promise<void> {
  await insertJobs(boss, {
    name: SYNC_QUEUE,
    jobs,
    key: (data) => data.connectionId,
    expireInSeconds: SYNC_JOB_EXPIRE_SECONDS,
  });
}

export type NotifyJobData = { messageId: string };
/** A message to send; `startAfter` holds a retry back until its next attempt. */
export type NotifyJob = NotifyJobData & { startAfter?: Date };

/** Sends notify jobs; a second job for a message already queued is dropped by the policy. */
export async function sendNotifyJobs(boss: PgBoss, jobs: NotifyJob[]): Promise<void> {
  await insertJobs(boss, { name: NOTIFY_QUEUE, jobs, key: (data) => data.messageId, expireInSeconds: 5 * 60 });
}

export type HealthJob = { connectionId: string };

/** Sends health-check jobs; a second job for a connection already queued is dropped by the policy. */
export async function sendHealthJobs(boss: PgBoss, jobs: HealthJob[]): Promise<void> {
  await insertJobs(boss, { name: HEALTH_QUEUE, jobs, key: (data) => data.connectionId, expireInSeconds: 5 * 60 });
}

/** One insert for many jobs, each keyed (singletonKey) by what it is about; pg-boss never retries them. */
async function insertJobs<Data extends object>(
  boss: PgBoss,
  {
    name,
    jobs,
    key,
    expireInSeconds,
  }: {
    name: string;
    jobs: (Data & { startAfter?: Date })[];
    key: (data: Data) => string;
    expireInSeconds: number;
  },
): Promise<void> {
  if (jobs.length === 0) return;
  await boss.insert(
    jobs.map((job) => {
      const { startAfter, ...data } = job;
      return {
        name,
        data,
        singletonKey: key(job),
        retryLimit: 0,
        expireInSeconds,
        ...(startAfter ? { startAfter } : {}),
      };
    }),
  );
}
