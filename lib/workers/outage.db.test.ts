// A real `npm run worker` process reaches PostgreSQL through a loopback proxy; the test cuts every
// connection in the middle of a sync (and refuses new ones), then lets the database back. The worker
// lives through it, ends the interrupted run itself once the database answers, runs it again, and the
// data ends equal to the emulator's: nothing lost, nothing twice.
import type { EmulatorServer } from "@mingus/plaid-emulator/testing";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { db } from "@/lib/db";
import { unregisterJobQueue } from "@/lib/jobs/enqueue";
import { registerJobSender } from "@/lib/jobs/runtime";
import { addFault, clearFaults, expectConverged, linkConnection } from "@/lib/sync/engine/test-support";
import { testBackend } from "@/lib/test/databases";
import { startTestEmulator } from "@/lib/test/emulator";
import { startTcpProxy, type TcpProxy, throughProxy } from "@/lib/test/tcp-proxy";
import { sleep, spawnWorker, until, type WorkerProcess } from "./test-support";

const emulator = vi.hoisted(() => ({ url: "" }));
vi.mock("@/lib/plaid/config", async (importOriginal) => {
  const actual = await importOriginal<typeof import("@/lib/plaid/config")>();
  return { ...actual, getPlaidConfig: () => ({ ...actual.getPlaidConfig(), basePath: emulator.url }) };
});

// Longer than the test, so the run is ended by its own worker, not by a reaper.
const LEASE_SECONDS = 30;
const OUTAGE_MS = 3_000;

describe.skipIf(testBackend() !== "postgresql")("a worker and a database outage (PostgreSQL only)", () => {
  let server: EmulatorServer;
  let proxy: TcpProxy;
  let worker: WorkerProcess | undefined;

  beforeAll(async () => {
    server = await startTestEmulator();
    emulator.url = server.url;
    registerJobSender();
    const target = new URL(process.env.DATABASE_URL ?? "");
    proxy = await startTcpProxy({ host: target.hostname, port: Number(target.port || 5432) });
  });

  afterAll(async () => {
    if (worker?.child.exitCode === null) worker.child.kill("SIGKILL");
    await worker?.exited;
    await unregisterJobQueue();
    await server?.close();
    await proxy?.close();
  });

  it("the worker outlives the outage and the sync finishes with nothing lost or duplicated", async () => {
    worker = await spawnWorker({
      args: ["--concurrency=1", `--lease-seconds=${LEASE_SECONDS}`],
      env: { PLAID_EMULATOR_URL: server.url, DATABASE_URL: throughProxy(process.env.DATABASE_URL ?? "", proxy) },
    });
    // Slow pages, so the cut lands while a run is waiting on Plaid and its next write meets no database.
    await addFault(server, { endpoint: "/transactions/sync", latency_ms: 1_500 });
    const connection = await linkConnection(server);
    const runsOf = () =>
      db.transactionSync.findMany({
        where: { plaidConnectionId: connection.connectionId },
        orderBy: { createdAt: "asc" },
      });
    const running = await until(runsOf, (runs) => runs.some((run) => run.status === "in_progress"), 15_000);
    const interrupted = running.find((run) => run.status === "in_progress");
    expect(interrupted, worker.output()).toBeDefined();
    expect(proxy.open()).toBeGreaterThan(0);

    proxy.cut();
    await sleep(OUTAGE_MS);
    expect(worker.child.exitCode, worker.output()).toBeNull();
    await clearFaults(server);
    proxy.restore();

    const runs = await until(
      runsOf,
      (rows) => rows.some((run) => run.status === "success") && rows.every((run) => run.status !== "in_progress"),
      20_000,
    );
    expect(worker.child.exitCode, worker.output()).toBeNull();
    // The interrupted run was ended by its own worker as the database's failure, not the bank's; its
    // retry, asked for at once, finished the sync.
    expect(
      runs.find((run) => run.id === interrupted?.id),
      worker.output(),
    ).toMatchObject({
      status: "failed",
      errorCode: "DATABASE_UNAVAILABLE",
    });
    const retry = runs.find((run) => run.status === "success");
    expect(retry?.workerId?.startsWith(worker.id)).toBe(true);
    const stored = await expectConverged(server, connection);
    const [rows] = await db.$queryRaw<{ count: number }[]>`
      SELECT count(*)::int AS count FROM transactions t JOIN bank_accounts a ON a.id = t.bank_account_id
      WHERE a.plaid_connection_id = ${connection.connectionId}::uuid`;
    expect(rows?.count).toBe(stored);
    // Not the connection's failure: no error counted, no backoff.
    expect(await db.plaidConnection.findUniqueOrThrow({ where: { id: connection.connectionId } })).toMatchObject({
      errorCount: 0,
      lastError: null,
    });
    expect(worker.output()).toMatch(/the database is unavailable/);
    expect(worker.output()).not.toMatch(/uncaught exception/);

    // And it still stops cleanly.
    worker.child.kill("SIGTERM");
    expect(await worker.exited).toBe(0);
  }, 150_000);
});
