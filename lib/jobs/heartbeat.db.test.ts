// Worker heartbeats on a real database: a beat creates then renews the row, readers tell alive from
// stale at the two-minute line, long-dead rows are pruned, and a clean stop removes the row.
import { hostname } from "node:os";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import {
  countAliveWorkers,
  listWorkers,
  pruneDeadWorkers,
  recordHeartbeat,
  startHeartbeat,
  WORKER_ALIVE_MS,
  WORKER_PRUNE_AFTER_MS,
} from "./heartbeat";

const T0 = new Date("2026-12-01T10:00:00Z");
const at = (ms: number) => new Date(T0.getTime() + ms);

describe("worker heartbeats", () => {
  it("creates the row on the first beat and renews its beat and jobs done after", async () => {
    await recordHeartbeat({ workerId: "h:1:aa", kind: "worker", startedAt: T0, jobsDone: 0, now: T0 });
    await recordHeartbeat({ workerId: "h:1:aa", kind: "worker", startedAt: at(5), jobsDone: 7, now: at(10_000) });
    const row = await db.workerHeartbeat.findUniqueOrThrow({ where: { id: "h:1:aa" } });
    expect(row).toMatchObject({
      kind: "worker",
      host: hostname(),
      pid: process.pid,
      startedAt: T0,
      jobsDone: 7,
      lastBeatAt: at(10_000),
    });
    await db.workerHeartbeat.deleteMany();
  });

  it("counts and lists as alive only the workers beaten within two minutes", async () => {
    const now = at(WORKER_ALIVE_MS + 60_000);
    await recordHeartbeat({ workerId: "web:1:aa", kind: "web", startedAt: T0, jobsDone: 3, now: at(60_000) });
    await recordHeartbeat({ workerId: "w:2:bb", kind: "worker", startedAt: T0, jobsDone: 0, now: at(59_999) });
    await recordHeartbeat({ workerId: "w:3:cc", kind: "worker", startedAt: T0, jobsDone: 1, now: at(170_000) });

    expect(await countAliveWorkers({ now })).toBe(2);
    const workers = await listWorkers({ now });
    expect(workers.map((worker) => [worker.id, worker.kind, worker.alive])).toEqual([
      ["w:3:cc", "worker", true],
      ["web:1:aa", "web", true],
      ["w:2:bb", "worker", false],
    ]);
    expect(await countAliveWorkers({ now: at(WORKER_ALIVE_MS + 170_001) })).toBe(0);
    await db.workerHeartbeat.deleteMany();
  });

  it("prunes only the rows of workers gone for a day", async () => {
    await recordHeartbeat({ workerId: "old:1:aa", kind: "worker", startedAt: T0, jobsDone: 0, now: T0 });
    await recordHeartbeat({ workerId: "new:1:bb", kind: "worker", startedAt: T0, jobsDone: 0, now: at(2) });
    expect(await pruneDeadWorkers({ now: at(WORKER_PRUNE_AFTER_MS + 1) })).toBe(1);
    expect((await db.workerHeartbeat.findMany()).map((row) => row.id)).toEqual(["new:1:bb"]);
    await db.workerHeartbeat.deleteMany();
  });

  it("beats at once and then on its interval, judges others only after two good beats, and leaves on stop", async () => {
    const heartbeat = await startHeartbeat({ workerId: "me:1:aa", kind: "web", everyMs: 100 });
    try {
      const first = await db.workerHeartbeat.findUniqueOrThrow({ where: { id: "me:1:aa" } });
      expect(first).toMatchObject({ kind: "web", jobsDone: 0 });
      expect(heartbeat.canJudgeOthers()).toBe(false);
      heartbeat.jobDone();
      heartbeat.jobDone();
      await expect
        .poll(async () => (await db.workerHeartbeat.findUnique({ where: { id: "me:1:aa" } }))?.jobsDone)
        .toBe(2);
      const later = await db.workerHeartbeat.findUniqueOrThrow({ where: { id: "me:1:aa" } });
      expect(later.lastBeatAt.getTime()).toBeGreaterThan(first.lastBeatAt.getTime());
      await expect.poll(() => heartbeat.canJudgeOthers()).toBe(true);
    } finally {
      await heartbeat.stop();
    }
    expect(await db.workerHeartbeat.findUnique({ where: { id: "me:1:aa" } })).toBeNull();
  });
});
