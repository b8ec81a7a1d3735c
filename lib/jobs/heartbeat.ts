// Worker liveness: every process that runs jobs keeps a row in worker_heartbeats (host, pid, start, jobs
// done, last beat), renewed every few seconds and deleted when it stops cleanly. /api/health, the admin
// page, "Sync now" and the metrics read it; the reaper uses it to recover a dead worker's runs quickly.
import "server-only";
import { hostname } from "node:os";
import { db } from "@/lib/db";
import { log } from "@/lib/log";

/** How often a worker process beats. */
export const HEARTBEAT_EVERY_MS = 10_000;
/** A worker beaten within this is alive for /api/health, the admin page and "Sync now". */
export const WORKER_ALIVE_MS = 2 * 60_000;
/** A worker silent this long (two missed beats) is dead: the reaper recovers its runs. */
export const WORKER_SILENT_BEATS = 2;
/** Rows of workers gone this long (killed, never stopped cleanly) are pruned. */
export const WORKER_PRUNE_AFTER_MS = 24 * 60 * 60_000;

/** "worker": `npm run worker`; "web": the web server running jobs itself (embedded DB, MINGUS_WEB_WORKERS). */
export type WorkerKind = "worker" | "web";

export type WorkerStatus = {
  id: string;
  kind: WorkerKind;
  host: string;
  pid: number;
  startedAt: Date;
  jobsDone: number;
  lastBeatAt: Date;
  /** Beaten within WORKER_ALIVE_MS of `now`. */
  alive: boolean;
};

/** Records one beat: the row is created on the first, and renewed with the jobs done since. */
export async function recordHeartbeat({
  workerId,
  kind,
  startedAt,
  jobsDone,
  now = new Date(),
}: {
  workerId: string;
  kind: WorkerKind;
  startedAt: Date;
  jobsDone: number;
  now?: Date;
}): Promise<void> {
  await db.workerHeartbeat.upsert({
    where: { id: workerId },
    create: { id: workerId, kind, host: hostname(), pid: process.pid, startedAt, jobsDone, lastBeatAt: now },
    update: { jobsDone, lastBeatAt: now },
  });
}

/** Removes the rows of workers silent for longer than WORKER_PRUNE_AFTER_MS. */
export async function pruneDeadWorkers({ now = new Date() }: { now?: Date } = {}): Promise<number> {
  const { count } = await db.workerHeartbeat.deleteMany({
    where: { lastBeatAt: { lt: new Date(now.getTime() - WORKER_PRUNE_AFTER_MS) } },
  });
  return count;
}

/** Every worker with a row, the most recently beaten first, each marked alive or stale. */
export async function listWorkers({ now = new Date() }: { now?: Date } = {}): Promise<WorkerStatus[]> {
  const rows = await db.workerHeartbeat.findMany({ orderBy: [{ lastBeatAt: "desc" }, { id: "asc" }] });
  const aliveSince = now.getTime() - WORKER_ALIVE_MS;
  return rows.map((row) => ({
    id: row.id,
    kind: row.kind === "web" ? "web" : "worker",
    host: row.host,
    pid: row.pid,
    startedAt: row.startedAt,
    jobsDone: row.jobsDone,
    lastBeatAt: row.lastBeatAt,
    alive: row.lastBeatAt.getTime() >= aliveSince,
  }));
}

/** Worker processes (of either kind) beaten within WORKER_ALIVE_MS: the `mingus_workers_alive` figure. */
export async function countAliveWorkers({ now = new Date() }: { now?: Date } = {}): Promise<number> {
  return db.workerHeartbeat.count({
    where: { lastBeatAt: { gte: new Date(now.getTime() - WORKER_ALIVE_MS) } },
  });
}

export type Heartbeat = {
  /** Jobs this process has finished, reported with the next beat. */
  jobDone: () => void;
  /**
   * True while this process's beats have succeeded without a gap for at least `silentMs`: only then
   * can it tell a dead worker from one that lost the database for a while, as it did itself.
   */
  canJudgeOthers: () => boolean;
  /** Stops beating and deletes this process's row. */
  stop: () => Promise<void>;
};

/**
 * Beats at once (so a started worker is alive before it takes a job), then every `everyMs`. A failed
 * beat is logged and the next one tries again; old rows are pruned now and then.
 */
export async function startHeartbeat({
  workerId,
  kind,
  everyMs = HEARTBEAT_EVERY_MS,
}: {
  workerId: string;
  kind: WorkerKind;
  everyMs?: number;
}): Promise<Heartbeat> {
  const startedAt = new Date();
  const silentMs = everyMs * WORKER_SILENT_BEATS;
  let jobsDone = 0;
  let beating: Promise<void> | null = null;
  // When the current run of successful beats began; null after a failed beat.
  let connectedSince: number | null = null;
  // When the last beat that succeeded ended, and when the beat in flight began.
  let lastBeatDoneAt: number | null = null;
  let beatStartedAt: number | null = null;
  let beats = 0;

  const beat = async () => {
    const now = new Date();
    beatStartedAt = now.getTime();
    try {
      await recordHeartbeat({ workerId, kind, startedAt, jobsDone, now });
      lastBeatDoneAt = Date.now();
      // A beat that took longer than the interval met a stalled database: everyone's beats were late
      // meanwhile (each row stamped with its beat's start), so others are judged only a silence later.
      if (lastBeatDoneAt - beatStartedAt > everyMs) connectedSince = lastBeatDoneAt;
      else connectedSince ??= beatStartedAt;
      // About once an hour at the default interval.
      if (beats++ % 360 === 0) await pruneDeadWorkers({ now });
    } catch (error) {
      connectedSince = null;
      log.error({ workerId, err: error }, "worker heartbeat failed");
    } finally {
      beatStartedAt = null;
    }
  };
  const tick = () => {
    if (beating) return;
    beating = beat().finally(() => {
      beating = null;
    });
  };

  await beat();
  const timer = setInterval(tick, everyMs);
  timer.unref();

  return {
    jobDone: () => {
      jobsDone++;
    },
    canJudgeOthers: () => {
      const now = Date.now();
      return (
        connectedSince !== null &&
        now - connectedSince >= silentMs &&
        // Its own beats are on time: the last one ended lately and none is stuck now.
        lastBeatDoneAt !== null &&
        now - lastBeatDoneAt <= everyMs * 1.5 &&
        (beatStartedAt === null || now - beatStartedAt < everyMs)
      );
    },
    stop: async () => {
      clearInterval(timer);
      await beating;
      await db.workerHeartbeat
        .deleteMany({ where: { id: workerId } })
        .catch((error: unknown) => log.error({ workerId, err: error }, "worker could not remove its heartbeat"));
    },
  };
}
