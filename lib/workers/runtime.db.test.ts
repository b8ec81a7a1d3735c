// pg-boss on this backend (PGlite through the app's own instance, or PostgreSQL), and the process's
// sync workers on it with a stub engine: a request sent on the fast path runs within seconds, the
// scheduler's sweep picks up what was never sent, and a stop hands an unfinished run back.
import { afterAll, afterEach, describe, expect, it, vi } from "vitest";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { createBoss, createQueues, SYNC_QUEUE, type SyncJobData, sendSyncJobs } from "@/lib/jobs/boss";
import { enqueueSyncJob } from "@/lib/jobs/enqueue";
import type { ExecuteSync } from "@/lib/sync/queue/run-sync-job";
import { requestAndEnqueueSync, requestSync } from "@/lib/sync/request-sync";
import { markCompleted } from "@/lib/sync/sync-record";
import { updateSyncStatus } from "@/lib/sync/update-sync-status";
import { ecbXml, serveRates } from "@/lib/test/ecb";
import { createConnection, createUser } from "@/lib/test/factories";
import { startWorkers, type Workers } from "./index";
import { startEmbeddedWorkers } from "./start";

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function until<T>(read: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value) || Date.now() > deadline) return value;
    await sleep(100);
  }
}

async function newConnection() {
  const user = await createUser();
  return createConnection({ userId: user.id, syncFrequency: "daily", nextSyncAt: new Date(Date.now() + 3600_000) });
}

// What the engine does at the end of a good run: the row finished and the connection rescheduled
// (so the scheduler does not find it due again).
async function finish(syncId: string) {
  const run = await markCompleted({ syncId, status: "success" });
  await updateSyncStatus({ connectionId: run.plaidConnectionId, success: true });
}

const runsOf = (connectionId: string) =>
  db.transactionSync.findMany({ where: { plaidConnectionId: connectionId }, orderBy: { createdAt: "asc" } });

let workers: Workers | undefined;

afterEach(async () => {
  await workers?.stop({ graceMs: 100 });
  workers = undefined;
  vi.restoreAllMocks();
});

afterAll(async () => {
  await workers?.stop({ graceMs: 100 });
});

describe("pg-boss on this backend", () => {
  it("sends, works and completes a job; a second job for a queued connection is dropped", async () => {
    const boss = createBoss({ role: "worker" });
    await boss.start();
    try {
      await createQueues(boss);
      await sendSyncJobs(boss, [{ connectionId: "c-1" }, { connectionId: "c-1" }, { connectionId: "c-2" }]);
      await sendSyncJobs(boss, [{ connectionId: "c-1" }]);
      expect(await boss.getQueueSize(SYNC_QUEUE)).toBe(2);
      const seen: SyncJobData[] = [];
      await boss.work<SyncJobData>(SYNC_QUEUE, { pollingIntervalSeconds: 0.5 }, async ([job]) => {
        if (job) seen.push(job.data);
      });
      await until(
        async () => seen.length,
        (count) => count >= 2,
        10_000,
      );
      expect(seen.map((data) => data.connectionId).sort()).toEqual(["c-1", "c-2"]);
      await until(
        () => boss.getQueueSize(SYNC_QUEUE, { before: "completed" }),
        (size) => size === 0,
      );
      expect(await boss.getQueueSize(SYNC_QUEUE, { before: "completed" })).toBe(0);
    } finally {
      await boss.stop({ graceful: true, timeout: 1000 });
    }
  });
});

describe("startWorkers", () => {
  it("runs requests sent on the fast path and, after a sweep, the ones never sent; one run per connection at a time", async () => {
    vi.spyOn(console, "log").mockImplementation(() => {});
    const before = await newConnection();
    expect(await enqueueSyncJob({ connectionId: before.id })).toBe("no_queue");

    const active = new Map<string, number>();
    let overlaps = 0;
    const execute: ExecuteSync = async ({ syncId }) => {
      const run = await db.transactionSync.findUniqueOrThrow({ where: { id: syncId } });
      const running = (active.get(run.plaidConnectionId) ?? 0) + 1;
      active.set(run.plaidConnectionId, running);
      if (running > 1) overlaps++;
      await sleep(150);
      active.set(run.plaidConnectionId, running - 1);
      await finish(syncId);
    };
    workers = await startWorkers({ execute, concurrency: 2, pollingIntervalSeconds: 0.5 });

    const connections = await Promise.all([newConnection(), newConnection(), newConnection()]);
    const started = Date.now();
    for (const connection of connections) {
      expect(await requestAndEnqueueSync({ connectionId: connection.id, syncType: "manual", trigger: "manual" })).toBe(
        "queued",
      );
      // A second press while it waits joins the same run.
      await requestAndEnqueueSync({ connectionId: connection.id, syncType: "manual", trigger: "manual" });
    }
    for (const connection of connections) {
      const runs = await until(
        () => runsOf(connection.id),
        (rows) => rows.every((row) => row.status === "success"),
      );
      expect(runs.map((row) => row.status)).toEqual(["success"]);
    }
    expect(Date.now() - started).toBeLessThan(15_000);

    // Requested without the fast path (and before the workers existed): the sweep sends it.
    await requestSync({ connectionId: before.id, syncType: "manual", trigger: "manual" });
    await workers.sweep();
    const runs = await until(
      () => runsOf(before.id),
      (rows) => rows.length > 0 && rows.every((row) => row.status === "success"),
    );
    expect(runs.map((row) => row.status)).toEqual(["success"]);
    expect(overlaps).toBe(0);
  });

  it("runs a retry at its retry_after even when its own job was dropped as a duplicate", async () => {
    vi.spyOn(console, "log").mockImplementation(() => {});
    const execute: ExecuteSync = async ({ syncId }) => finish(syncId);
    workers = await startWorkers({ execute, concurrency: 1, pollingIntervalSeconds: 0.5 });
    // Past the workers' first sweep (its queue is polled every 5 s), so only the job below can bring a
    // worker to this connection before the next minute's sweep.
    await sleep(6_000);
    const connection = await newConnection();
    const retryAfter = new Date(Date.now() + 1_500);
    await db.transactionSync.create({
      data: { plaidConnectionId: connection.id, syncType: "manual", status: "pending", retryAfter },
    });
    // A job that arrives before the retry is due (a webhook's, say) finds nothing to run yet.
    expect(await enqueueSyncJob({ connectionId: connection.id })).toBe("sent");
    const runs = await until(
      () => runsOf(connection.id),
      (rows) => rows[0]?.status === "success",
      10_000,
    );
    expect(runs.map((row) => row.status)).toEqual(["success"]);
    expect(runs[0]?.startedAt?.getTime()).toBeGreaterThanOrEqual(retryAfter.getTime());
  });

  it("on stop, hands back a run that outlasts the grace period: WORKER_STOPPED and requested again", async () => {
    vi.spyOn(console, "log").mockImplementation(() => {});
    const connection = await newConnection();
    const execute: ExecuteSync = async ({ syncId, signal }) => {
      const run = await db.transactionSync.findUniqueOrThrow({ where: { id: syncId } });
      // Runs of other tests' connections, if any are due, end at once.
      if (run.plaidConnectionId !== connection.id) return finish(syncId);
      await new Promise<void>((resolve) => {
        if (signal?.aborted) resolve();
        signal?.addEventListener("abort", () => resolve());
      });
      throw Object.assign(new Error("stopped"), { syncId });
    };
    workers = await startWorkers({ execute, concurrency: 1, pollingIntervalSeconds: 0.5 });
    await requestAndEnqueueSync({ connectionId: connection.id, syncType: "manual", trigger: "manual" });
    await until(
      () => runsOf(connection.id),
      (rows) => rows[0]?.status === "in_progress",
    );
    const stopped = workers;
    workers = undefined;
    await stopped.stop({ graceMs: 200 });
    expect(await enqueueSyncJob({ connectionId: connection.id })).toBe("no_queue");

    const runs = await runsOf(connection.id);
    expect(runs.map((row) => [row.status, row.errorCode])).toEqual([
      ["failed", "WORKER_STOPPED"],
      ["pending", null],
    ]);
    const after = await db.plaidConnection.findUniqueOrThrow({ where: { id: connection.id } });
    expect(after.syncLeaseOwner).toBeNull();
  });

  it("fetches FX_RATES_URL when workers start, and schedules the daily fetch", async () => {
    vi.spyOn(console, "log").mockImplementation(() => {});
    const base = await serveRates({ "/daily.xml": ecbXml({ "2026-11-20": { USD: "1.0500", GBP: "0.8700" } }) });
    const configured = env.FX_RATES_URL;
    env.FX_RATES_URL = `${base}/daily.xml`;
    try {
      workers = await startWorkers({ execute: async () => {}, concurrency: 1, pollingIntervalSeconds: 0.5 });
      const rates = await until(
        () => db.fxRate.findMany({ orderBy: { currency: "asc" } }),
        (rows) => rows.length === 2,
        45_000,
      );
      expect(rates.map((row) => `${row.currency} ${row.rate.toFixed()}`)).toEqual(["GBP 0.87", "USD 1.05"]);
      const schedules = await workers.boss.getSchedules();
      expect(schedules.find((schedule) => schedule.name === "fx-rates")).toMatchObject({ cron: "30 16 * * *" });
    } finally {
      env.FX_RATES_URL = configured;
    }
  }, 60_000);
});

describe("startEmbeddedWorkers", () => {
  it("ends the runs a previous life of the process left in progress, however recent their heartbeat", async () => {
    vi.spyOn(console, "log").mockImplementation(() => {});
    const user = await createUser();
    // Paused, so the run requested again is not also started here.
    const connection = await createConnection({ userId: user.id, pausedAt: new Date() });
    const now = new Date();
    const run = await db.transactionSync.create({
      data: {
        plaidConnectionId: connection.id,
        syncType: "incremental",
        status: "in_progress",
        startedAt: now,
        heartbeatAt: now,
        workerId: "previous-life/1",
      },
    });
    workers = await startEmbeddedWorkers({ concurrency: 1 });
    expect(await db.transactionSync.findUniqueOrThrow({ where: { id: run.id } })).toMatchObject({
      status: "failed",
      errorCode: "WORKER_LOST",
    });
  });
});
