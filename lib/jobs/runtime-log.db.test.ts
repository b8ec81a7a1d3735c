// Every log line of a job carries its pg-boss job id, its queue and the worker slot running it: the
// runtime wraps each handler, so a handler logs without being handed the ids.
import { afterEach, expect, test } from "vitest";
import { log } from "@/lib/log";
import { captureLogs } from "@/lib/log/test-support";
import { SYNC_QUEUE } from "./boss";
import { type JobHandlers, type JobWorkers, startJobWorkers } from "./runtime";

let workers: JobWorkers | undefined;

afterEach(async () => {
  await workers?.stop({ graceMs: 100 });
  workers = undefined;
});

const idle: JobHandlers = {
  sync: async () => null,
  notify: async () => null,
  health: async () => {},
  fxRates: async () => {},
  sweep: async () => ({ sync: [], notify: [], health: [] }),
  reap: async () => [],
};

test("a sync job's log lines carry its job id and slot", async () => {
  let finished: () => void = () => {};
  const done = new Promise<void>((resolve) => {
    finished = resolve;
  });
  const { result: jobId, records } = await captureLogs(async () => {
    workers = await startJobWorkers({
      concurrency: 1,
      pollingIntervalSeconds: 0.5,
      handlers: {
        ...idle,
        sync: async (job) => {
          log.info({ connectionId: job.connectionId }, "syncing");
          await new Promise((resolve) => setTimeout(resolve, 5));
          log.info("synced");
          finished();
          return null;
        },
      },
    });
    const sent = await workers.boss.send(SYNC_QUEUE, { connectionId: "c0ffee00-0000-4000-8000-000000000001" });
    await Promise.race([done, new Promise((_, reject) => setTimeout(() => reject(new Error("no run")), 15_000))]);
    return sent;
  });
  expect(jobId).toBeTruthy();
  const lines = records.filter((record) => record.msg === "syncing" || record.msg === "synced");
  expect(lines).toHaveLength(2);
  for (const line of lines) {
    expect(line.jobId).toBe(jobId);
    expect(line.queue).toBe(SYNC_QUEUE);
    expect(line.workerId).toBe(`${workers?.workerId}/1`);
  }
});
