// Worker liveness through the real runtime, with beats a few hundred milliseconds apart: a started
// process beats (and counts its jobs), leaves the table when it stops, and recovers the run of a worker
// that stopped beating within two of its beats, recorded as ended at that worker's last beat.
import { afterEach, describe, expect, it, vi } from "vitest";
import { db } from "@/lib/db";
import { countAliveWorkers, listWorkers, recordHeartbeat } from "@/lib/jobs/heartbeat";
import { claimSync } from "@/lib/sync/queue/lease";
import type { ExecuteSync } from "@/lib/sync/queue/run-sync-job";
import { requestAndEnqueueSync, requestSync } from "@/lib/sync/request-sync";
import { markCompleted } from "@/lib/sync/sync-record";
import { updateSyncStatus } from "@/lib/sync/update-sync-status";
import { createConnection, createUser } from "@/lib/test/factories";
import { startWorkers, type Workers } from "./index";

const BEAT_MS = 250;

const finish: ExecuteSync = async ({ syncId }) => {
  const run = await markCompleted({ syncId, status: "success" });
  await updateSyncStatus({ connectionId: run.plaidConnectionId, success: true });
};

async function newConnection() {
  const user = await createUser();
  return createConnection({ userId: user.id, syncFrequency: "daily", nextSyncAt: new Date(Date.now() + 3600_000) });
}

let workers: Workers | undefined;

afterEach(async () => {
  await workers?.stop({ graceMs: 100 });
  workers = undefined;
  vi.restoreAllMocks();
});

describe("worker liveness", () => {
  it("a running worker beats with its jobs done, and leaves the table when it stops", async () => {
    vi.spyOn(console, "log").mockImplementation(() => {});
    workers = await startWorkers({
      execute: finish,
      concurrency: 1,
      pollingIntervalSeconds: 0.5,
      heartbeatEveryMs: BEAT_MS,
    });
    const workerId = workers.workerId;
    expect(await countAliveWorkers()).toBe(1);
    expect(await listWorkers()).toEqual([
      expect.objectContaining({ id: workerId, kind: "worker", pid: process.pid, jobsDone: 0, alive: true }),
    ]);

    const connection = await newConnection();
    expect(await requestAndEnqueueSync({ connectionId: connection.id, syncType: "manual", trigger: "manual" })).toBe(
      "queued",
    );
    await expect
      .poll(async () => (await db.workerHeartbeat.findUnique({ where: { id: workerId } }))?.jobsDone, {
        timeout: 15_000,
      })
      .toBeGreaterThanOrEqual(1);

    await workers.stop({ graceMs: 100 });
    workers = undefined;
    expect(await countAliveWorkers()).toBe(0);
    expect(await db.workerHeartbeat.findUnique({ where: { id: workerId } })).toBeNull();
  });

  it("recovers a silent worker's run long before its lease, ended at the worker's last beat, and runs it again", async () => {
    vi.spyOn(console, "log").mockImplementation(() => {});
    vi.spyOn(console, "warn").mockImplementation(() => {});
    const connection = await newConnection();
    await requestSync({ connectionId: connection.id, syncType: "manual", trigger: "manual" });
    const pending = await db.transactionSync.findFirstOrThrow({ where: { plaidConnectionId: connection.id } });
    // A worker in another process took the run with a one-hour lease and then died (kill -9): its row
    // stays, its beats stop.
    const startedAt = new Date();
    expect(
      await claimSync({ syncId: pending.id, workerId: "gone:4242:ab/1", leaseMs: 3600_000, now: startedAt }),
    ).toMatchObject({
      claimed: true,
    });
    const lastBeat = new Date(startedAt.getTime() + 100);
    await recordHeartbeat({ workerId: "gone:4242:ab", kind: "worker", startedAt, jobsDone: 5, now: lastBeat });

    workers = await startWorkers({
      execute: finish,
      concurrency: 1,
      pollingIntervalSeconds: 0.5,
      heartbeatEveryMs: BEAT_MS,
    });
    await expect
      .poll(() => db.transactionSync.findUniqueOrThrow({ where: { id: pending.id } }), { timeout: 10_000 })
      .toMatchObject({ status: "failed", errorCode: "WORKER_LOST" });
    const lost = await db.transactionSync.findUniqueOrThrow({ where: { id: pending.id } });
    // Its duration ends at the last beat; completed_at is when it was found dead, so the figures that
    // count finished runs by completed_at (lib/metrics) see it as it ends.
    expect(lost.completedAt?.getTime()).toBeGreaterThan(lastBeat.getTime());
    expect(Number(lost.duration)).toBeCloseTo(0.1, 3);

    // The retry runs on the live worker.
    await expect
      .poll(
        async () =>
          (
            await db.transactionSync.findMany({
              where: { plaidConnectionId: connection.id },
              orderBy: { createdAt: "asc" },
            })
          ).map((run) => run.status),
        { timeout: 15_000 },
      )
      .toEqual(["failed", "success"]);
    // The dead worker still shows (stale after two minutes, pruned after a day); the live one counts the retry.
    expect((await listWorkers()).map((worker) => worker.id)).toContain("gone:4242:ab");
    await expect
      .poll(async () => (await listWorkers()).find((worker) => worker.id === workers?.workerId)?.jobsDone)
      .toBeGreaterThanOrEqual(1);
  });
});
