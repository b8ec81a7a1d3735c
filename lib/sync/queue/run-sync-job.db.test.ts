// One sync job with a stub engine: the claim, the lease kept alive and given back, one log line, and
// what happens when the engine finishes, crashes, is stopped, or loses its run to the reaper.
import { afterEach, describe, expect, it, vi } from "vitest";
import { db, type Prisma } from "@/lib/db";
import { captureLogs } from "@/lib/log/test-support";
import { requestSync } from "@/lib/sync/request-sync";
import { markCompleted } from "@/lib/sync/sync-record";
import { createConnection, createSync, createUser } from "@/lib/test/factories";
import { failOpenRun } from "./reaper";
import { type ExecuteSync, runSyncJob, SYNC_ERROR, WORKER_STOPPED } from "./run-sync-job";

const LEASE = 60_000;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function queued(data: Partial<Prisma.PlaidConnectionUncheckedCreateInput> = {}) {
  const user = await createUser();
  const connection = await createConnection({
    userId: user.id,
    plaidAccessToken: "access-sandbox-secret-token",
    syncFrequency: "hourly",
    ...data,
  });
  await requestSync({ connectionId: connection.id, syncType: "incremental", trigger: "manual" });
  const run = await db.transactionSync.findFirstOrThrow({ where: { plaidConnectionId: connection.id } });
  return { connection, run };
}

const succeed: ExecuteSync = async ({ syncId }) => {
  await markCompleted({
    syncId,
    status: "success",
    counts: { processed: 3, added: 2, updated: 1, deleted: 0, failed: 0 },
  });
};

afterEach(() => {
  vi.restoreAllMocks();
});

describe("runSyncJob", () => {
  it("claims the pending run, lets the engine finish it, releases the lease and logs one line", async () => {
    const { connection, run } = await queued();
    let seen: { status: string; workerId: string | null } | undefined;
    const execute: ExecuteSync = async (input) => {
      seen = await db.transactionSync.findUniqueOrThrow({ where: { id: input.syncId } });
      expect((await db.plaidConnection.findUniqueOrThrow({ where: { id: connection.id } })).syncLeaseOwner).toBe("w/1");
      await input.heartbeat();
      await succeed(input);
    };
    const { result, lines, records } = await captureLogs(() =>
      runSyncJob({ connectionId: connection.id, workerId: "w/1", leaseMs: LEASE, execute }),
    );
    expect(result).toEqual({ result: "ran", syncId: run.id, status: "success", nextRunAt: null });
    expect(seen).toMatchObject({ status: "in_progress", workerId: "w/1" });
    expect((await db.plaidConnection.findUniqueOrThrow({ where: { id: connection.id } })).syncLeaseOwner).toBeNull();
    const mine = records.filter((record) => record.connectionId === connection.id);
    expect(mine).toEqual([
      expect.objectContaining({
        level: "info",
        msg: "sync success",
        syncId: run.id,
        status: "success",
        added: 2,
        updated: 1,
        deleted: 0,
        failed: 0,
        durationMs: expect.any(Number),
      }),
    ]);
    expect(lines.join("")).not.toContain("access-sandbox");
  });

  it("does nothing without a pending run, and leaves the run pending when the connection is busy", async () => {
    const user = await createUser();
    const idle = await createConnection({ userId: user.id });
    const execute = vi.fn(succeed);
    expect(await runSyncJob({ connectionId: idle.id, workerId: "w", leaseMs: LEASE, execute })).toEqual({
      result: "nothing_pending",
      nextRunAt: null,
    });
    const { connection, run } = await queued({
      syncLeaseOwner: "other",
      syncLeaseExpiresAt: new Date(Date.now() + LEASE),
    });
    expect(await runSyncJob({ connectionId: connection.id, workerId: "w", leaseMs: LEASE, execute })).toEqual({
      result: "not_claimed",
      syncId: run.id,
      reason: "busy",
    });
    expect(execute).not.toHaveBeenCalled();
    expect((await db.transactionSync.findUniqueOrThrow({ where: { id: run.id } })).status).toBe("pending");
  });

  it("records an engine crash as the connection's failure, retried after the backoff", async () => {
    const { connection, run } = await queued();
    vi.spyOn(console, "error").mockImplementation(() => {});
    vi.spyOn(console, "log").mockImplementation(() => {});
    const execute: ExecuteSync = async () => {
      throw new TypeError("boom");
    };
    const result = await runSyncJob({ connectionId: connection.id, workerId: "w", leaseMs: LEASE, execute });
    expect(result).toMatchObject({ result: "ran", status: "failed", nextRunAt: null });
    const failed = await db.transactionSync.findUniqueOrThrow({ where: { id: run.id } });
    const after = await db.plaidConnection.findUniqueOrThrow({ where: { id: connection.id } });
    expect(failed).toMatchObject({ errorCode: SYNC_ERROR, retryAfter: after.nextSyncAt });
    expect(after).toMatchObject({ errorCount: 1, syncLeaseOwner: null });
    expect(after.nextSyncAt?.getTime()).toBeGreaterThan(Date.now());
  });

  it("on shutdown, ends the run as WORKER_STOPPED and requests it again at once", async () => {
    const { connection, run } = await queued();
    vi.spyOn(console, "log").mockImplementation(() => {});
    const stopping = new AbortController();
    const execute: ExecuteSync = async ({ signal }) => {
      stopping.abort();
      expect(signal?.aborted).toBe(true);
      throw new Error("stopped between pages");
    };
    const result = await runSyncJob({
      connectionId: connection.id,
      workerId: "w",
      leaseMs: LEASE,
      execute,
      stopping: stopping.signal,
    });
    expect(result).toMatchObject({ result: "ran", status: "failed", nextRunAt: expect.any(Date) });
    expect(result.result === "ran" && result.nextRunAt && result.nextRunAt.getTime()).toBeLessThanOrEqual(Date.now());
    expect(await db.transactionSync.findUniqueOrThrow({ where: { id: run.id } })).toMatchObject({
      errorCode: WORKER_STOPPED,
    });
    const retry = await db.transactionSync.findFirstOrThrow({
      where: { plaidConnectionId: connection.id, status: "pending" },
    });
    expect(retry.context).toMatchObject({ trigger: "retry", retry_of: run.id, reason: WORKER_STOPPED });
    // Not the bank's failure: the connection's error count is untouched.
    expect((await db.plaidConnection.findUniqueOrThrow({ where: { id: connection.id } })).errorCount).toBe(0);
  });

  it("heartbeats while the engine works, and stops it once the reaper took the run", async () => {
    const { connection, run } = await queued();
    vi.spyOn(console, "log").mockImplementation(() => {});
    const beats: (Date | null)[] = [];
    let stoppedBy: unknown;
    const execute: ExecuteSync = async ({ heartbeat, syncId }) => {
      for (let page = 0; page < 100; page++) {
        await sleep(60);
        beats.push((await db.transactionSync.findUniqueOrThrow({ where: { id: syncId } })).heartbeatAt);
        if (page === 8) {
          await failOpenRun({
            run: { id: run.id, plaid_connection_id: connection.id, worker_id: "w", sync_type: "incremental" },
            errorCode: "WORKER_LOST",
            errorMessage: "reaped",
          });
        }
        try {
          await heartbeat();
        } catch (error) {
          stoppedBy = error;
          throw error;
        }
      }
    };
    const result = await runSyncJob({ connectionId: connection.id, workerId: "w", leaseMs: 300, execute });
    expect(stoppedBy).toBeInstanceOf(Error);
    expect(beats.length).toBeLessThan(20);
    expect(new Set(beats.slice(0, 8).map((beat) => beat?.getTime())).size).toBeGreaterThan(1);
    expect(result).toMatchObject({ result: "ran", status: "failed" });
    expect((await db.transactionSync.findUniqueOrThrow({ where: { id: run.id } })).errorCode).toBe("WORKER_LOST");
  });

  it("reports a request that arrived during the run as ready now, so the worker sends it on", async () => {
    const { connection } = await queued();
    vi.spyOn(console, "log").mockImplementation(() => {});
    const execute: ExecuteSync = async (input) => {
      await requestSync({ connectionId: connection.id, syncType: "manual", trigger: "manual" });
      await succeed(input);
    };
    const result = await runSyncJob({ connectionId: connection.id, workerId: "w", leaseMs: LEASE, execute });
    expect(result).toMatchObject({ result: "ran", status: "success", nextRunAt: expect.any(Date) });
  });

  it("reports when the engine's retry of a failure may start", async () => {
    const { connection } = await queued();
    vi.spyOn(console, "log").mockImplementation(() => {});
    const retryAfter = new Date(Date.now() + 30_000);
    const execute: ExecuteSync = async ({ syncId }) => {
      await markCompleted({ syncId, status: "failed", errorCode: "RATE_LIMIT_EXCEEDED" });
      await createSync({ plaidConnectionId: connection.id, status: "pending", retryAfter });
    };
    const result = await runSyncJob({ connectionId: connection.id, workerId: "w", leaseMs: LEASE, execute });
    expect(result).toMatchObject({ result: "ran", status: "failed", nextRunAt: retryAfter });
  });

  it("does not take a retry before its retry_after", async () => {
    const user = await createUser();
    const connection = await createConnection({ userId: user.id });
    const retryAfter = new Date(Date.now() + 60_000);
    await createSync({ plaidConnectionId: connection.id, status: "pending", retryAfter });
    const execute = vi.fn(succeed);
    // It says when the retry is due, so the worker can send a job for then.
    expect(await runSyncJob({ connectionId: connection.id, workerId: "w", leaseMs: LEASE, execute })).toEqual({
      result: "nothing_pending",
      nextRunAt: retryAfter,
    });
    expect(execute).not.toHaveBeenCalled();
  });
});
