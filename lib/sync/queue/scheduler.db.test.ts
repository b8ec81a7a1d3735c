// The scheduler's rules on a real database, one connection per case: which are due, what the request
// records, and which pending runs a worker may take now.
import { describe, expect, it } from "vitest";
import { db, type Prisma } from "@/lib/db";
import { createConnection, createSync, createUser } from "@/lib/test/factories";
import { findDueConnections, findRunnablePendingSyncs, requestDueSyncs } from "./scheduler";

const NOW = new Date("2026-11-24T12:00:00Z");
const ago = (minutes: number) => new Date(NOW.getTime() - minutes * 60_000);
const later = (minutes: number) => new Date(NOW.getTime() + minutes * 60_000);

async function connection(data: Partial<Prisma.PlaidConnectionUncheckedCreateInput> = {}) {
  const user = await createUser();
  return createConnection({ userId: user.id, syncFrequency: "hourly", nextSyncAt: ago(1), ...data });
}

async function isDue(id: string): Promise<boolean> {
  return (await findDueConnections({ now: NOW, limit: 100_000 })).some((due) => due.id === id);
}

describe("findDueConnections", () => {
  it("hourly, daily and weekly: when next_sync_at is reached, or was never set", async () => {
    for (const syncFrequency of ["hourly", "daily", "weekly"]) {
      expect(await isDue((await connection({ syncFrequency, nextSyncAt: ago(1) })).id)).toBe(true);
      expect(await isDue((await connection({ syncFrequency, nextSyncAt: NOW })).id)).toBe(true);
      expect(await isDue((await connection({ syncFrequency, nextSyncAt: later(1) })).id)).toBe(false);
      expect(await isDue((await connection({ syncFrequency, nextSyncAt: null })).id)).toBe(true);
    }
  });

  it("never while inactive, paused, waiting for re-authentication, in maintenance, or a demo", async () => {
    expect(await isDue((await connection({ isActive: false })).id)).toBe(false);
    expect(await isDue((await connection({ pausedAt: ago(5) })).id)).toBe(false);
    expect(await isDue((await connection({ requiresReauth: true })).id)).toBe(false);
    expect(await isDue((await connection({ maintenanceUntil: later(30) })).id)).toBe(false);
    expect(await isDue((await connection({ maintenanceUntil: ago(1) })).id)).toBe(true);
    expect(await isDue((await connection({ metadata: { demo: true } })).id)).toBe(false);
  });

  it("not while a run is pending or in progress", async () => {
    const pending = await connection();
    await createSync({ plaidConnectionId: pending.id, status: "pending" });
    const running = await connection();
    await createSync({ plaidConnectionId: running.id, status: "in_progress", startedAt: ago(1) });
    expect(await isDue(pending.id)).toBe(false);
    expect(await isDue(running.id)).toBe(false);
  });

  it("not before the retry_after of its last failed run", async () => {
    const waiting = await connection();
    await createSync({ plaidConnectionId: waiting.id, status: "success", startedAt: ago(60), completedAt: ago(59) });
    await createSync({
      plaidConnectionId: waiting.id,
      status: "failed",
      startedAt: ago(10),
      completedAt: ago(9),
      retryAfter: later(5),
    });
    expect(await isDue(waiting.id)).toBe(false);

    const past = await connection();
    await createSync({
      plaidConnectionId: past.id,
      status: "failed",
      startedAt: ago(10),
      completedAt: ago(9),
      retryAfter: ago(1),
    });
    expect(await isDue(past.id)).toBe(true);

    // Only the last run counts: a success after the failure clears it.
    const recovered = await connection();
    await createSync({
      plaidConnectionId: recovered.id,
      status: "failed",
      startedAt: ago(20),
      completedAt: ago(19),
      retryAfter: later(60),
    });
    await createSync({ plaidConnectionId: recovered.id, status: "success", startedAt: ago(10), completedAt: ago(9) });
    expect(await isDue(recovered.id)).toBe(true);
  });

  it("real_time: a daily safety net from the last sync, and a failed run's retry", async () => {
    expect(
      await isDue((await connection({ syncFrequency: "real_time", nextSyncAt: null, lastSyncAt: ago(25 * 60) })).id),
    ).toBe(true);
    expect(
      await isDue((await connection({ syncFrequency: "real_time", nextSyncAt: null, lastSyncAt: ago(60) })).id),
    ).toBe(false);
    expect(await isDue((await connection({ syncFrequency: "real_time", nextSyncAt: null, lastSyncAt: null })).id)).toBe(
      true,
    );
    // After a failure updateSyncStatus puts next_sync_at at the backoff; the safety net waits for it.
    expect(
      await isDue((await connection({ syncFrequency: "real_time", nextSyncAt: ago(1), lastSyncAt: ago(60) })).id),
    ).toBe(true);
    expect(
      await isDue(
        (await connection({ syncFrequency: "real_time", nextSyncAt: later(10), lastSyncAt: ago(48 * 60) })).id,
      ),
    ).toBe(false);
  });

  it("manual: only a failed run's retry, never on a clock", async () => {
    expect(
      await isDue((await connection({ syncFrequency: "manual", nextSyncAt: null, lastSyncAt: ago(90 * 24 * 60) })).id),
    ).toBe(false);
    expect(await isDue((await connection({ syncFrequency: "manual", nextSyncAt: ago(1) })).id)).toBe(true);
    expect(await isDue((await connection({ syncFrequency: "manual", nextSyncAt: later(1) })).id)).toBe(false);
  });
});

describe("requestDueSyncs", () => {
  it("requests a scheduled sync, initial until the connection has a cursor", async () => {
    const fresh = await connection({ transactionsCursor: null });
    const synced = await connection({ transactionsCursor: "cursor-1" });
    const notDue = await connection({ nextSyncAt: later(30) });
    const requested = await requestDueSyncs({ now: NOW });
    expect(requested).toEqual(expect.arrayContaining([fresh.id, synced.id]));
    expect(requested).not.toContain(notDue.id);
    const runs = await db.transactionSync.findMany({
      where: { plaidConnectionId: { in: [fresh.id, synced.id, notDue.id] } },
      orderBy: { syncType: "desc" },
    });
    expect(runs.map((run) => [run.plaidConnectionId, run.syncType, run.status])).toEqual([
      [fresh.id, "initial", "pending"],
      [synced.id, "incremental", "pending"],
    ]);
    expect(runs[0]?.context).toMatchObject({ trigger: "schedule" });
    // Requested once: the pending run keeps them from being due again.
    expect(await requestDueSyncs({ now: NOW })).not.toContain(fresh.id);
  });
});

describe("findRunnablePendingSyncs", () => {
  async function runnable(id: string) {
    return (await findRunnablePendingSyncs({ now: NOW, limit: 100_000 })).filter((job) => job.connectionId === id);
  }

  it("the oldest pending run of each connection a worker may take now", async () => {
    const conn = await connection();
    const first = await createSync({ plaidConnectionId: conn.id, status: "pending", createdAt: ago(5) });
    await createSync({ plaidConnectionId: conn.id, status: "pending", createdAt: ago(1) });
    expect(await runnable(conn.id)).toEqual([{ connectionId: conn.id, syncId: first.id }]);
  });

  it("not a retry before its retry_after, nor a busy, paused or re-authentication connection", async () => {
    const retry = await connection();
    await createSync({ plaidConnectionId: retry.id, status: "pending", retryAfter: later(2) });
    expect(await runnable(retry.id)).toEqual([]);
    expect(
      (await findRunnablePendingSyncs({ now: later(2), limit: 100_000 })).map((job) => job.connectionId),
    ).toContain(retry.id);

    const busy = await connection();
    await createSync({ plaidConnectionId: busy.id, status: "in_progress", startedAt: ago(1) });
    await createSync({ plaidConnectionId: busy.id, status: "pending" });
    expect(await runnable(busy.id)).toEqual([]);

    for (const state of [{ pausedAt: ago(1) }, { isActive: false }, { requiresReauth: true }]) {
      const held = await connection(state);
      await createSync({ plaidConnectionId: held.id, status: "pending" });
      expect(await runnable(held.id)).toEqual([]);
    }
    const reconnect = await connection({ requiresReauth: true });
    await createSync({ plaidConnectionId: reconnect.id, status: "pending", context: { trigger: "reconnect" } });
    expect(await runnable(reconnect.id)).toHaveLength(1);
  });
});
