// Real `npm run worker` processes on one PostgreSQL database, against a test emulator: two of them share
// a backlog without ever syncing one connection twice at once, and a worker killed with SIGKILL in the
// middle of a sync has its run reaped as WORKER_LOST and retried until the data converges.
import type { EmulatorServer } from "@mingus/plaid-emulator/testing";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { db } from "@/lib/db";
import { unregisterJobQueue } from "@/lib/jobs/enqueue";
import { registerJobSender } from "@/lib/jobs/runtime";
import {
  addFault,
  clearFaults,
  expectConverged,
  type LinkedConnection,
  linkConnection,
} from "@/lib/sync/engine/test-support";
import { testBackend } from "@/lib/test/databases";
import { startTestEmulator } from "@/lib/test/emulator";
import { spawnWorker, until, type WorkerProcess } from "./test-support";

// The app's Plaid configuration in this process (linking), pointed at the test emulator; the workers
// get its address through PLAID_EMULATOR_URL.
const emulator = vi.hoisted(() => ({ url: "" }));
vi.mock("@/lib/plaid/config", async (importOriginal) => {
  const actual = await importOriginal<typeof import("@/lib/plaid/config")>();
  return { ...actual, getPlaidConfig: () => ({ ...actual.getPlaidConfig(), basePath: emulator.url }) };
});

const LEASE_SECONDS = 3;

const started: WorkerProcess[] = [];
let server: EmulatorServer;

async function startWorker({ concurrency = 2 }: { concurrency?: number } = {}): Promise<WorkerProcess> {
  const worker = await spawnWorker({
    args: [`--concurrency=${concurrency}`, `--lease-seconds=${LEASE_SECONDS}`],
    env: { PLAID_EMULATOR_URL: server.url },
  });
  started.push(worker);
  return worker;
}

const runsOf = (connectionIds: string[]) =>
  db.transactionSync.findMany({
    where: { plaidConnectionId: { in: connectionIds } },
    orderBy: [{ startedAt: "asc" }, { createdAt: "asc" }],
  });

/** Every run of a connection started after the one before it ended. */
function expectNoOverlap(runs: Awaited<ReturnType<typeof runsOf>>) {
  const byConnection = new Map<string, typeof runs>();
  for (const run of runs)
    byConnection.set(run.plaidConnectionId, [...(byConnection.get(run.plaidConnectionId) ?? []), run]);
  for (const [connectionId, list] of byConnection) {
    const ran = list.filter((run) => run.startedAt);
    for (let index = 1; index < ran.length; index++) {
      const before = ran[index - 1];
      const after = ran[index];
      expect(before?.completedAt, `${connectionId}: run ${before?.id} ended`).not.toBeNull();
      expect(
        after?.startedAt?.getTime(),
        `${connectionId}: ${after?.id} started after ${before?.id} ended`,
      ).toBeGreaterThanOrEqual(before?.completedAt?.getTime() ?? Number.POSITIVE_INFINITY);
    }
  }
}

const settled = (runs: Awaited<ReturnType<typeof runsOf>>, connectionIds: string[]) =>
  runs.every((run) => run.status !== "pending" && run.status !== "in_progress") &&
  connectionIds.every((id) => runs.some((run) => run.plaidConnectionId === id && run.status === "success"));

describe.skipIf(testBackend() !== "postgresql")(
  "sync worker processes (PostgreSQL only: PGlite is one process)",
  () => {
    beforeAll(async () => {
      server = await startTestEmulator();
      emulator.url = server.url;
      // Linking sends the first sync's job at once, as the web server on PostgreSQL does.
      registerJobSender();
    });

    // A test that failed before stopping its workers must not leave them to take the next test's jobs.
    async function killWorkers() {
      for (const worker of started) if (worker.child.exitCode === null) worker.child.kill("SIGKILL");
      await Promise.all(started.map((worker) => worker.exited));
    }

    afterEach(async () => {
      await killWorkers();
      await clearFaults(server);
    });

    afterAll(async () => {
      await killWorkers();
      await unregisterJobQueue();
      await server?.close();
    });

    it("two workers share a backlog, never run one connection twice at once, and converge to the emulator", async () => {
      const workers = await Promise.all([startWorker(), startWorker()]);
      // Slow pages keep each run going longer than a worker's 2 s poll, so neither process can drain the
      // queue alone and runs meet; a rate limit makes two runs fail and retry after its Retry-After.
      await addFault(server, { endpoint: "/transactions/sync", latency_ms: 500 });
      await addFault(server, {
        endpoint: "/transactions/sync",
        error_code: "TRANSACTIONS_SYNC_LIMIT",
        remaining: 2,
        retry_after_seconds: 1,
      });
      const connections: LinkedConnection[] = await Promise.all(
        Array.from({ length: 8 }, () => linkConnection(server)),
      );
      const ids = connections.map((connection) => connection.connectionId);

      const t0 = Date.now();
      const runs = await until(
        () => runsOf(ids),
        (rows) => settled(rows, ids),
        50_000,
      );
      console.log(`settled in ${Date.now() - t0} ms`);
      expect(settled(runs, ids), workers.map((worker) => worker.output()).join("\n")).toBe(true);
      for (const connection of connections) await expectConverged(server, connection);

      expectNoOverlap(runs);
      for (const run of runs) {
        expect(run).toMatchObject({ startedAt: expect.any(Date), completedAt: expect.any(Date) });
        expect(workers.map((worker) => worker.id)).toContain(run.workerId?.split("/")[0]);
      }
      // Both processes took work from the one queue.
      expect(
        new Set(runs.map((run) => run.workerId?.split("/")[0])).size,
        workers.map((w) => w.output()).join("\n----\n"),
      ).toBe(2);
      const limited = runs.filter((run) => run.errorCode === "TRANSACTIONS_SYNC_LIMIT");
      expect(limited).toHaveLength(2);
      for (const run of limited) expect(run).toMatchObject({ status: "failed", retryAfter: expect.any(Date) });
      // One line per run in the workers' logs, and never a token.
      const logs = workers.map((worker) => worker.output()).join("\n");
      expect(logs.match(/^\{.*"syncType":.*"msg":"sync [a-z_]+"/gm)?.length).toBe(runs.length);
      for (const connection of connections) expect(logs).not.toContain(connection.accessToken);

      // SIGTERM: both stop cleanly.
      for (const worker of workers) worker.child.kill("SIGTERM");
      expect(await Promise.all(workers.map((worker) => worker.exited))).toEqual([0, 0]);
    }, 90_000);

    it("a worker killed mid-sync: its run is reaped as WORKER_LOST and a later run converges", async () => {
      const doomed = await startWorker({ concurrency: 1 });
      await addFault(server, { endpoint: "/transactions/sync", latency_ms: 4_000 });
      const connection = await linkConnection(server);
      const ids = [connection.connectionId];
      const running = await until(
        () => runsOf(ids),
        (rows) => rows.some((row) => row.status === "in_progress"),
        20_000,
      );
      const lost = running.find((row) => row.status === "in_progress");
      expect(lost?.workerId?.startsWith(doomed.id), doomed.output()).toBe(true);

      doomed.child.kill("SIGKILL");
      expect(await doomed.exited).toBeNull();
      await clearFaults(server);
      const rescuer = await startWorker({ concurrency: 1 });

      const runs = await until(
        () => runsOf(ids),
        (rows) => settled(rows, ids),
        40_000,
      );
      expect(settled(runs, ids), rescuer.output()).toBe(true);
      expect(runs.find((run) => run.id === lost?.id)).toMatchObject({ status: "failed", errorCode: "WORKER_LOST" });
      const retry = runs.find((run) => (run.context as { retry_of?: string }).retry_of === lost?.id);
      expect(retry).toMatchObject({ status: "success" });
      expect(retry?.workerId?.startsWith(rescuer.id)).toBe(true);
      await expectConverged(server, connection);
      expectNoOverlap(runs);

      rescuer.child.kill("SIGTERM");
      expect(await rescuer.exited).toBe(0);
    }, 90_000);
  },
);
