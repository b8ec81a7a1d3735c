// Runs that stop in the middle: a crash between pages (the cursor stays with the committed pages and
// the next run converges, even when the bank changed meanwhile), a run reaped or overtaken by another,
// a worker shutting down, a connection paused, and failures that are not Plaid's.
import { removeTransactions } from "@mingus/plaid-emulator/testing";
import { describe, expect, it, vi } from "vitest";
import { db } from "@/lib/db";
import { captureLogs } from "@/lib/log/test-support";
import { setUpEmulatorServer } from "@/lib/test/emulator";

vi.mock("@/lib/plaid/config", () => import("@/lib/test/emulator"));

const support = await import("./test-support");
const { addFault, claimRun, connectionRow, expectConverged, linkConnection, runRow, runSync } = support;
const { syncTransactions } = await import("./sync-transactions");
const { createSyncRun, LeaseLostError } = await import("./sync-run");
const { executeSync } = await import("./execute-sync");
const server = setUpEmulatorServer();

const PAGE = 200;

/** A heartbeat that runs `act` on its nth call (the first is before page 1): after n − 1 pages. */
function onBeat(n: number, act: () => Promise<void>) {
  let beats = 0;
  return async () => {
    beats++;
    if (beats === n) await act();
  };
}

/** A worker that dies after two pages: nothing finishes its run, as after kill -9. */
async function crashAfterTwoPages(connectionId: string) {
  const syncId = await claimRun({ connectionId });
  const run = createSyncRun({
    syncId,
    workerId: "test-worker",
    heartbeat: onBeat(3, async () => {
      throw new Error("killed");
    }),
  });
  await expect(syncTransactions({ connectionId, run, pageSize: PAGE })).rejects.toBeInstanceOf(LeaseLostError);
  // What the reaper does with a run whose worker went quiet.
  await db.transactionSync.update({ where: { id: syncId }, data: { status: "failed", errorCode: "WORKER_LOST" } });
  return { syncId, run };
}

describe("a crash in the middle of a pagination", () => {
  it("keeps the cursor with the committed pages, and the next run carries on to the truth", async () => {
    const connection = await linkConnection(server);
    const { syncId, run } = await crashAfterTwoPages(connection.connectionId);
    expect(run.progress).toMatchObject({ pages: 2, counts: { added: 2 * PAGE } });
    const stored = await connectionRow(connection.connectionId);
    expect(stored.transactionsCursor).toBe(run.progress.cursorAfter);
    expect(stored.metadata).toMatchObject({ transactions_sync: { start_cursor: null } });
    expect(await db.transaction.count({ where: { bankAccount: { plaidConnectionId: connection.connectionId } } })).toBe(
      2 * PAGE,
    );
    // The run row's counts were written with the pages.
    expect(await runRow(syncId)).toMatchObject({ recordsAdded: 2 * PAGE, context: { pages: 2 } });

    const next = await runSync({ connectionId: connection.connectionId, pageSize: PAGE });
    expect(next.status).toBe("success");
    const total = await expectConverged(server, connection);
    expect(next.counts.added).toBe(total - 2 * PAGE);
    expect((await runRow(next.syncId)).context).toMatchObject({ restarts: 0 });
    expect((await connectionRow(connection.connectionId)).metadata).not.toHaveProperty("transactions_sync");
  });

  it("converges when the bank changed meanwhile, dropping what was added and removed since", async () => {
    const connection = await linkConnection(server, { username: "user_transactions_dynamic" });
    await crashAfterTwoPages(connection.connectionId);
    // A transaction the crashed run stored is withdrawn at the bank; a refresh posts the pending ones.
    const [withdrawn] = await db.transaction.findMany({
      where: { bankAccount: { plaidConnectionId: connection.connectionId }, pending: false },
      include: { bankAccount: true },
      take: 1,
    });
    if (!withdrawn) throw new Error("expected a stored transaction");
    await removeTransactions(server.emulator.store, {
      itemId: connection.itemId,
      transactions: [{ transaction_id: withdrawn.transactionId, account_id: withdrawn.bankAccount.accountId }],
    });
    await server.api.transactionsRefresh({ access_token: connection.accessToken });

    const next = await runSync({ connectionId: connection.connectionId, pageSize: PAGE });
    expect(next.status).toBe("success");
    // The mid-pagination cursor is stale: the pagination restarts from where it began.
    expect((await runRow(next.syncId)).context).toMatchObject({ restarts: 1 });
    await expectConverged(server, connection);
    expect(await db.transaction.count({ where: { id: withdrawn.id } })).toBe(0);
  });
});

describe("a run that is no longer this worker's", () => {
  it("stops without committing another page when it was reaped, and records nothing", async () => {
    const connection = await linkConnection(server);
    const syncId = await claimRun({ connectionId: connection.connectionId });
    const heartbeat = onBeat(2, async () => {
      await db.transactionSync.update({ where: { id: syncId }, data: { status: "failed", errorCode: "WORKER_LOST" } });
    });
    const outcome = await executeSync({ syncId, workerId: "test-worker", heartbeat, pageSize: PAGE });
    expect(outcome).toMatchObject({ status: "lost", retryScheduled: false });
    expect(await runRow(syncId)).toMatchObject({ status: "failed", errorCode: "WORKER_LOST", recordsAdded: PAGE });
    expect(await db.transaction.count({ where: { bankAccount: { plaidConnectionId: connection.connectionId } } })).toBe(
      PAGE,
    );
  });

  it("is refused when another worker holds it", async () => {
    const connection = await linkConnection(server);
    const syncId = await claimRun({ connectionId: connection.connectionId, workerId: "worker-a" });
    const outcome = await executeSync({ syncId, workerId: "worker-b", heartbeat: async () => {} });
    expect(outcome.status).toBe("lost");
    expect(await runRow(syncId)).toMatchObject({ status: "in_progress", workerId: "worker-a" });
    expect(
      await db.plaidApiCall.count({
        where: { plaidConnectionId: connection.connectionId, endpoint: "/transactions/sync" },
      }),
    ).toBe(0);
  });

  it("fails as superseded when another run moved the cursor, without counting against the connection", async () => {
    const connection = await linkConnection(server);
    const heartbeat = onBeat(2, async () => {
      await db.plaidConnection.update({
        where: { id: connection.connectionId },
        data: { transactionsCursor: "moved-by-another-run" },
      });
    });
    const outcome = await runSync({ connectionId: connection.connectionId, heartbeat, pageSize: PAGE });
    expect(outcome).toMatchObject({ status: "failed", errorCode: "SYNC_SUPERSEDED", retryScheduled: false });
    expect(outcome.counts.added).toBe(PAGE);
    expect(await connectionRow(connection.connectionId)).toMatchObject({
      transactionsCursor: "moved-by-another-run",
      errorCount: 0,
    });
  });
});

describe("a worker shutting down", () => {
  it("stops between pages and is retried at once", async () => {
    const connection = await linkConnection(server);
    const controller = new AbortController();
    const heartbeat = onBeat(2, async () => controller.abort());
    const before = Date.now();
    const outcome = await runSync({
      connectionId: connection.connectionId,
      heartbeat,
      signal: controller.signal,
      pageSize: PAGE,
    });
    expect(outcome).toMatchObject({ status: "failed", errorCode: "WORKER_STOPPED", retryScheduled: true });
    expect(outcome.retryAfter?.getTime()).toBeGreaterThanOrEqual(before);
    expect(outcome.retryAfter?.getTime()).toBeLessThanOrEqual(Date.now());
    // Not the connection's failure.
    expect(await connectionRow(connection.connectionId)).toMatchObject({ errorCount: 0, retryCount: 0 });
    expect((await runSync({ connectionId: connection.connectionId })).status).toBe("success");
    await expectConverged(server, connection);
  });

  it("stops the same way when the heartbeat says the lease is lost", async () => {
    const connection = await linkConnection(server);
    const heartbeat = onBeat(2, async () => {
      throw new Error("lease lost");
    });
    const outcome = await runSync({ connectionId: connection.connectionId, heartbeat, pageSize: PAGE });
    expect(outcome).toMatchObject({ status: "failed", errorCode: "LEASE_LOST", retryScheduled: true });
    expect(outcome.counts.added).toBe(PAGE);
    expect(await connectionRow(connection.connectionId)).toMatchObject({ errorCount: 0 });
  });
});

describe("a connection paused during its run", () => {
  it("finishes, but is not scheduled again, nor retried after a failure", async () => {
    const connection = await linkConnection(server);
    const pause = () =>
      db.plaidConnection
        .update({ where: { id: connection.connectionId }, data: { pausedAt: new Date() } })
        .then(() => {});
    const done = await runSync({ connectionId: connection.connectionId, heartbeat: onBeat(2, pause) });
    expect(done.status).toBe("success");
    expect((await connectionRow(connection.connectionId)).nextSyncAt).toBeNull();

    await db.plaidConnection.update({ where: { id: connection.connectionId }, data: { pausedAt: null } });
    await addFault(server, { item_id: connection.itemId, error_code: "INSTITUTION_DOWN", remaining: 1 });
    const failed = await runSync({ connectionId: connection.connectionId, heartbeat: onBeat(1, pause) });
    expect(failed).toMatchObject({ status: "failed", errorCode: "INSTITUTION_DOWN", retryScheduled: false });
    expect((await connectionRow(connection.connectionId)).nextSyncAt).toBeNull();
    expect(
      await db.transactionSync.count({ where: { plaidConnectionId: connection.connectionId, status: "pending" } }),
    ).toBe(0);
  });
});

describe("failures that are not Plaid's", () => {
  it("are recorded as INTERNAL with a safe message and retried", async () => {
    const connection = await linkConnection(server);
    await db.plaidConnection.update({ where: { id: connection.connectionId }, data: { accessTokenKeyId: null } });
    const { result: outcome, records } = await captureLogs(() => runSync({ connectionId: connection.connectionId }));
    expect(outcome).toMatchObject({ status: "failed", errorCode: "INTERNAL", retryScheduled: true });
    expect(outcome.errorMessage).toMatch(/keys:rotate/);
    expect(await runRow(outcome.syncId)).toMatchObject({ status: "failed", errorCode: "INTERNAL" });
    // One error line says what failed (the test's own run, not a sync worker's).
    expect(records.filter((record) => record.level === "error")).toHaveLength(1);
  });
});
