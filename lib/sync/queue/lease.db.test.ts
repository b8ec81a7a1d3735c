// The connection lease and the reaper on a real database: one claimer wins, a held or expired-but-running
// lease refuses the next, the heartbeat renews both clocks, and a quiet run is ended and requested again.
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { recordHeartbeat } from "@/lib/jobs/heartbeat";
import { finishRun } from "@/lib/sync/engine/finish-run";
import { createSyncRun } from "@/lib/sync/engine/sync-run";
import { testBackend } from "@/lib/test/databases";
import { createAccount, createConnection, createSync, createUser } from "@/lib/test/factories";
import { claimSync, heartbeatSync, releaseSync } from "./lease";
import { failOpenRun, reapLostSyncs } from "./reaper";

const LEASE = 60_000;
const T0 = new Date("2026-11-24T10:00:00Z");
const at = (seconds: number) => new Date(T0.getTime() + seconds * 1000);

async function pendingRun(connection: Partial<Parameters<typeof createConnection>[0]> = {}, context = {}) {
  const user = await createUser();
  const conn = await createConnection({ userId: user.id, ...connection });
  const run = await createSync({ plaidConnectionId: conn.id, status: "pending", context });
  return { connection: conn, run };
}

const runOf = (id: string) => db.transactionSync.findUniqueOrThrow({ where: { id } });
const connectionOf = (id: string) => db.plaidConnection.findUniqueOrThrow({ where: { id } });

describe("claimSync", () => {
  it("takes the lease and starts the run in one step", async () => {
    const { connection, run } = await pendingRun();
    const claim = await claimSync({ syncId: run.id, workerId: "w1", leaseMs: LEASE, now: T0 });
    expect(claim).toEqual({ claimed: true, syncId: run.id, connectionId: connection.id, syncType: "incremental" });
    expect(await runOf(run.id)).toMatchObject({
      status: "in_progress",
      workerId: "w1",
      startedAt: T0,
      heartbeatAt: T0,
    });
    expect(await connectionOf(connection.id)).toMatchObject({ syncLeaseOwner: "w1", syncLeaseExpiresAt: at(60) });
  });

  it("lets exactly one of many concurrent claimers win", async () => {
    const { run } = await pendingRun();
    const claims = await Promise.all(
      ["a", "b", "c", "d", "e"].map((workerId) => claimSync({ syncId: run.id, workerId, leaseMs: LEASE })),
    );
    expect(claims.filter((claim) => claim.claimed)).toHaveLength(1);
    // The losers saw the lease taken, or (arriving after the commit) the run already started.
    for (const claim of claims) if (!claim.claimed) expect(["busy", "not_pending"]).toContain(claim.reason);
    const run2 = await runOf(run.id);
    const winner = claims.find((claim) => claim.claimed);
    expect(run2.status).toBe("in_progress");
    expect(winner && (await connectionOf(winner.connectionId)).syncLeaseOwner).toBe(run2.workerId);
  });

  it("refuses a second run of a connection while the first holds the lease, or still runs after it expired", async () => {
    const { connection, run } = await pendingRun();
    const second = await createSync({ plaidConnectionId: connection.id, status: "pending" });
    expect((await claimSync({ syncId: run.id, workerId: "w1", leaseMs: LEASE, now: T0 })).claimed).toBe(true);
    expect(await claimSync({ syncId: second.id, workerId: "w2", leaseMs: LEASE, now: at(30) })).toEqual({
      claimed: false,
      reason: "busy",
    });
    // The lease ran out, but the first run is still in progress: only the reaper may end it.
    expect(await claimSync({ syncId: second.id, workerId: "w2", leaseMs: LEASE, now: at(120) })).toEqual({
      claimed: false,
      reason: "busy",
    });
    expect((await runOf(second.id)).status).toBe("pending");
    await failOpenRun({
      run: { id: run.id, plaid_connection_id: connection.id, worker_id: "w1", sync_type: "incremental" },
      errorCode: "WORKER_LOST",
      errorMessage: "gone",
      now: at(121),
    });
    expect((await claimSync({ syncId: second.id, workerId: "w2", leaseMs: LEASE, now: at(122) })).claimed).toBe(true);
  });

  it("takes over an expired lease when no run is in progress", async () => {
    const { connection, run } = await pendingRun({ syncLeaseOwner: "dead", syncLeaseExpiresAt: at(-1) });
    expect((await claimSync({ syncId: run.id, workerId: "w2", leaseMs: LEASE, now: T0 })).claimed).toBe(true);
    expect((await connectionOf(connection.id)).syncLeaseOwner).toBe("w2");
  });

  it("leaves paused, inactive and re-authentication connections alone, except a reconnect's run", async () => {
    for (const state of [{ pausedAt: T0 }, { isActive: false }, { requiresReauth: true }]) {
      const { run } = await pendingRun(state);
      expect(await claimSync({ syncId: run.id, workerId: "w1", leaseMs: LEASE, now: T0 })).toEqual({
        claimed: false,
        reason: "not_runnable",
      });
      expect((await runOf(run.id)).status).toBe("pending");
    }
    const { run } = await pendingRun({ requiresReauth: true }, { trigger: "reconnect" });
    expect((await claimSync({ syncId: run.id, workerId: "w1", leaseMs: LEASE, now: T0 })).claimed).toBe(true);
  });

  it("waits out a retry's retry_after and never claims a run twice", async () => {
    const { connection } = await pendingRun();
    const retry = await createSync({ plaidConnectionId: connection.id, status: "pending", retryAfter: at(30) });
    expect(await claimSync({ syncId: retry.id, workerId: "w1", leaseMs: LEASE, now: T0 })).toEqual({
      claimed: false,
      reason: "not_due",
    });
    expect((await claimSync({ syncId: retry.id, workerId: "w1", leaseMs: LEASE, now: at(30) })).claimed).toBe(true);
    expect(await claimSync({ syncId: retry.id, workerId: "w2", leaseMs: LEASE, now: at(31) })).toEqual({
      claimed: false,
      reason: "not_pending",
    });
    expect(await claimSync({ syncId: "not-a-uuid", workerId: "w2", leaseMs: LEASE })).toEqual({
      claimed: false,
      reason: "not_pending",
    });
  });
});

describe("heartbeatSync and releaseSync", () => {
  it("renews the lease and the run's heartbeat while the run is this worker's", async () => {
    const { connection, run } = await pendingRun();
    await claimSync({ syncId: run.id, workerId: "w1", leaseMs: LEASE, now: T0 });
    expect(await heartbeatSync({ syncId: run.id, workerId: "w1", leaseMs: LEASE, now: at(20) })).toBe(true);
    expect((await runOf(run.id)).heartbeatAt).toEqual(at(20));
    expect((await connectionOf(connection.id)).syncLeaseExpiresAt).toEqual(at(80));
    expect(await heartbeatSync({ syncId: run.id, workerId: "w2", leaseMs: LEASE, now: at(21) })).toBe(false);
    expect((await runOf(run.id)).heartbeatAt).toEqual(at(20));
  });

  it("fails once the run was reaped or the lease went to another worker, renewing nothing", async () => {
    const { connection, run } = await pendingRun();
    await claimSync({ syncId: run.id, workerId: "w1", leaseMs: LEASE, now: T0 });
    await db.transactionSync.update({ where: { id: run.id }, data: { status: "failed", completedAt: at(5) } });
    expect(await heartbeatSync({ syncId: run.id, workerId: "w1", leaseMs: LEASE, now: at(10) })).toBe(false);
    expect((await connectionOf(connection.id)).syncLeaseExpiresAt).toEqual(at(60));

    const second = await pendingRun();
    await claimSync({ syncId: second.run.id, workerId: "w1", leaseMs: LEASE, now: T0 });
    await db.plaidConnection.update({ where: { id: second.connection.id }, data: { syncLeaseOwner: "thief" } });
    expect(await heartbeatSync({ syncId: second.run.id, workerId: "w1", leaseMs: LEASE, now: at(10) })).toBe(false);
    expect((await runOf(second.run.id)).heartbeatAt).toEqual(T0);
  });

  it("releases only its own lease", async () => {
    const { connection, run } = await pendingRun();
    await claimSync({ syncId: run.id, workerId: "w1", leaseMs: LEASE, now: T0 });
    expect(await releaseSync({ connectionId: connection.id, workerId: "w2" })).toBe(false);
    expect((await connectionOf(connection.id)).syncLeaseOwner).toBe("w1");
    expect(await releaseSync({ connectionId: connection.id, workerId: "w1" })).toBe(true);
    expect(await connectionOf(connection.id)).toMatchObject({ syncLeaseOwner: null, syncLeaseExpiresAt: null });
  });
});

describe("reapLostSyncs", () => {
  it("fails runs quiet for longer than the lease as WORKER_LOST, frees the lease and requests the sync again", async () => {
    const { connection, run } = await pendingRun();
    await claimSync({ syncId: run.id, workerId: "dead", leaseMs: LEASE, now: T0 });
    const alive = await pendingRun();
    await claimSync({ syncId: alive.run.id, workerId: "alive", leaseMs: LEASE, now: T0 });
    await heartbeatSync({ syncId: alive.run.id, workerId: "alive", leaseMs: LEASE, now: at(50) });

    const { reaped, requested } = await reapLostSyncs({ leaseMs: LEASE, now: at(61) });
    expect(reaped.map((ended) => ended.syncId)).toContain(run.id);
    expect(reaped.map((ended) => ended.syncId)).not.toContain(alive.run.id);
    expect(requested).toContain(connection.id);

    // Its duration ends at its last sign of life (the claim's heartbeat); completed_at is the reap.
    expect(await runOf(run.id)).toMatchObject({
      status: "failed",
      errorCode: "WORKER_LOST",
      completedAt: at(61),
      duration: 0,
      retryAfter: at(61),
    });
    expect(await connectionOf(connection.id)).toMatchObject({ syncLeaseOwner: null, syncLeaseExpiresAt: null });
    const retry = await db.transactionSync.findFirstOrThrow({
      where: { plaidConnectionId: connection.id, status: "pending" },
    });
    expect(retry.context).toMatchObject({ trigger: "retry", retry_of: run.id, reason: "WORKER_LOST" });
    expect((await runOf(alive.run.id)).status).toBe("in_progress");
    // The dead worker's late heartbeat finds its run gone.
    expect(await heartbeatSync({ syncId: run.id, workerId: "dead", leaseMs: LEASE, now: at(62) })).toBe(false);
  });

  it("keeps a run whose heartbeat landed after it was picked, and a lease another worker took", async () => {
    const { connection, run } = await pendingRun();
    await claimSync({ syncId: run.id, workerId: "w1", leaseMs: LEASE, now: T0 });
    const open = { id: run.id, plaid_connection_id: connection.id, worker_id: "w1", sync_type: "incremental" };
    await heartbeatSync({ syncId: run.id, workerId: "w1", leaseMs: LEASE, now: at(70) });
    expect(
      await failOpenRun({ run: open, errorCode: "WORKER_LOST", errorMessage: "x", staleBefore: at(10), now: at(71) }),
    ).toBe(false);
    expect((await runOf(run.id)).status).toBe("in_progress");

    await db.plaidConnection.update({ where: { id: connection.id }, data: { syncLeaseOwner: "other" } });
    expect(
      await failOpenRun({ run: open, errorCode: "WORKER_LOST", errorMessage: "x", staleBefore: at(200), now: at(200) }),
    ).toBe(true);
    expect((await connectionOf(connection.id)).syncLeaseOwner).toBe("other");
  });

  it("recovers the runs of a worker that stopped beating, long before their lease, ended at its last beat", async () => {
    const { connection, run } = await pendingRun();
    await claimSync({ syncId: run.id, workerId: "dead-host:7:aa/1", leaseMs: LEASE, now: T0 });
    await heartbeatSync({ syncId: run.id, workerId: "dead-host:7:aa/1", leaseMs: LEASE, now: at(4) });
    await beat("dead-host:7:aa", at(9));
    const alive = await pendingRun();
    await claimSync({ syncId: alive.run.id, workerId: "live-host:8:bb/2", leaseMs: LEASE, now: T0 });
    await beat("live-host:8:bb", at(25));
    // No heartbeat row: judged by the lease alone, which has 40 s to go.
    const unknown = await pendingRun();
    await claimSync({ syncId: unknown.run.id, workerId: "old-host:9:cc/1", leaseMs: LEASE, now: T0 });

    const { reaped, requested } = await reapLostSyncs({ leaseMs: LEASE, workersSilentSince: at(10), now: at(26) });
    expect(reaped.map((ended) => ended.syncId)).toEqual([run.id]);
    expect(requested).toEqual([connection.id]);
    expect(await runOf(run.id)).toMatchObject({
      status: "failed",
      errorCode: "WORKER_LOST",
      completedAt: at(26),
      duration: 9,
      retryAfter: at(26),
    });
    expect(await connectionOf(connection.id)).toMatchObject({ syncLeaseOwner: null, syncLeaseExpiresAt: null });
    expect((await runOf(alive.run.id)).status).toBe("in_progress");
    expect((await runOf(unknown.run.id)).status).toBe("in_progress");
    // Without a verdict on workers (the reaping process just reconnected, say), only leases count.
    await beat("live-host:8:bb", at(5));
    expect((await reapLostSyncs({ leaseMs: LEASE, workersSilentSince: null, now: at(30) })).reaped).toEqual([]);
  });

  it("keeps a run whose worker beat again after it was picked", async () => {
    const { connection, run } = await pendingRun();
    await claimSync({ syncId: run.id, workerId: "slow-host:1:dd/1", leaseMs: LEASE, now: T0 });
    await beat("slow-host:1:dd", at(30));
    const open = { id: run.id, plaid_connection_id: connection.id, worker_id: "slow-host:1:dd/1", sync_type: "manual" };
    const rule = { errorCode: "WORKER_LOST", errorMessage: "x", workersSilentSince: at(25), now: at(31) };
    expect(await failOpenRun({ run: open, ...rule })).toBe(false);
    expect((await runOf(run.id)).status).toBe("in_progress");
  });
});

/** A worker process's heartbeat row as lib/jobs/heartbeat.ts writes it. */
async function beat(workerId: string, now: Date) {
  await recordHeartbeat({ workerId, kind: "worker", startedAt: T0, jobsDone: 0, now });
}

// Two connections to PostgreSQL at once (PGlite has one, so the meeting cannot happen there).
describe.skipIf(testBackend() !== "postgresql")("a run's end meeting its lease renewal", () => {
  it("waits its turn instead of deadlocking, and both land", async () => {
    const { connection, run } = await pendingRun();
    await createAccount({ plaidConnectionId: connection.id, userId: connection.userId });
    await claimSync({ syncId: run.id, workerId: "w1", leaseMs: LEASE, now: T0 });
    const progress = createSyncRun({ syncId: run.id, workerId: "w1" });
    let finishing: Promise<unknown> | undefined;
    // The renewal's order: the connection's row, then (once the run's end is under way) the run's.
    await db.$transaction(async (tx) => {
      await tx.$executeRaw`UPDATE plaid_connections SET sync_lease_expires_at = ${at(90)} WHERE id = ${connection.id}::uuid`;
      finishing = finishRun({
        record: { id: run.id, plaidConnectionId: connection.id, syncType: "incremental", startedAt: T0, retryCount: 0 },
        run: progress,
        failure: null,
        context: {},
        connection: { retryCount: 0, maintenanceUntil: null },
        now: at(20),
      });
      await waitUntilBlocked();
      await tx.$executeRaw`UPDATE transaction_syncs SET heartbeat_at = ${at(19)} WHERE id = ${run.id}::uuid`;
    });
    expect(await finishing).toMatchObject({ status: "success" });
    expect(await runOf(run.id)).toMatchObject({ status: "success", completedAt: at(20), heartbeatAt: at(19) });
    // The success stamped the connection (stamp_last_sync), after the renewal let go of it.
    expect(await connectionOf(connection.id)).toMatchObject({ lastSyncAt: at(20), syncLeaseExpiresAt: at(90) });
  });
});

/** Until another session waits on a row lock (the run's end queued behind the renewal). */
async function waitUntilBlocked() {
  for (let attempt = 0; attempt < 100; attempt++) {
    const [row] = await db.$queryRaw<{ waiting: number }[]>`
      SELECT count(*)::int AS waiting FROM pg_stat_activity
      WHERE datname = current_database() AND wait_event_type = 'Lock'`;
    if ((row?.waiting ?? 0) > 0) return;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error("the run's end never waited for the connection's row");
}
