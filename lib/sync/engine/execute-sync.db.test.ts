// executeSync against the emulator over HTTP, through the app's own Plaid client: an item's first sync,
// its incremental syncs after the bank changes, balances, and what the run row and the connection say.
import { describe, expect, it, vi } from "vitest";
import { db } from "@/lib/db";
import { setUpEmulatorServer } from "@/lib/test/emulator";

vi.mock("@/lib/plaid/config", () => import("@/lib/test/emulator"));

// The history rebuild, failing once on demand (the rest of the accounts capability is the real one).
const historyFault = vi.hoisted(() => ({ failNext: false }));
vi.mock("@/lib/accounts", async (importOriginal) => {
  const actual = await importOriginal<typeof import("@/lib/accounts")>();
  return {
    ...actual,
    rebuildConnectionHistory: (input: Parameters<typeof actual.rebuildConnectionHistory>[0]) => {
      if (!historyFault.failNext) return actual.rebuildConnectionHistory(input);
      historyFault.failNext = false;
      return Promise.reject(new Error("history rebuild failed on purpose"));
    },
  };
});

const { addFault, connectionRow, emulatorTruth, expectConverged, linkConnection, runRow, runSync } = await import(
  "./test-support"
);
const server = setUpEmulatorServer();

const HOUR = 3600_000;

describe("the first sync of an item", () => {
  it("stores exactly the emulator's transactions and records the run", async () => {
    const connection = await linkConnection(server);
    const outcome = await runSync({ connectionId: connection.connectionId });
    const total = await expectConverged(server, connection);
    expect(total).toBeGreaterThan(1000);

    expect(outcome).toMatchObject({
      status: "success",
      errorCode: null,
      retryAfter: null,
      retryScheduled: false,
      requiresReauth: false,
      counts: { processed: total, added: total, updated: 0, deleted: 0, failed: 0 },
    });
    const run = await runRow(outcome.syncId);
    const stored = await connectionRow(connection.connectionId);
    expect(run).toMatchObject({
      syncType: "initial",
      status: "success",
      recordsProcessed: total,
      recordsAdded: total,
      recordsUpdated: 0,
      recordsDeleted: 0,
      recordsFailed: 0,
      errorCode: null,
      retryAfter: null,
    });
    expect(run.completedAt?.getTime()).toBeGreaterThanOrEqual(run.startedAt?.getTime() ?? Number.POSITIVE_INFINITY);
    expect(run.duration).toBeGreaterThanOrEqual(0);
    expect(run.context).toMatchObject({
      trigger: "link",
      pages: Math.ceil(total / 500),
      restarts: 0,
      cursor_before: null,
      cursor_after: stored.transactionsCursor,
      balance_source: "realtime",
    });
    expect(stored.transactionsCursor).toEqual(expect.any(String));
    // The pagination finished: nothing of it is left in the connection's metadata.
    expect(stored.metadata).not.toHaveProperty("transactions_sync");
    expect(stored).toMatchObject({ errorCount: 0, retryCount: 0, lastSyncAt: run.completedAt });
    // daily: the next sync a day after this one.
    expect(stored.nextSyncAt?.getTime()).toBeCloseTo((run.completedAt?.getTime() ?? 0) + 24 * HOUR, -4);
  });

  it("ends the same with smaller pages, one committed transaction per page", async () => {
    const small = await linkConnection(server);
    const outcome = await runSync({ connectionId: small.connectionId, pageSize: 250 });
    const total = await expectConverged(server, small);
    expect((await runRow(outcome.syncId)).context).toMatchObject({ pages: Math.ceil(total / 250) });
  });
});

describe("balance history from the first sync", () => {
  it("reconstructs every day back to each account's oldest transaction, investments left alone", async () => {
    const connection = await linkConnection(server);
    const outcome = await runSync({ connectionId: connection.connectionId });
    const accounts = await db.bankAccount.findMany({ where: { plaidConnectionId: connection.connectionId } });
    const points = (await runRow(outcome.syncId)).context as { history?: unknown };
    let expected = 0;
    for (const account of accounts) {
      const calculated = await db.accountBalance.findMany({
        where: { bankAccountId: account.id, source: "calculated" },
        orderBy: { asOfDate: "asc" },
      });
      const oldest = await db.transaction.findFirst({
        where: { bankAccountId: account.id, pending: false },
        orderBy: { date: "asc" },
      });
      if (account.type === "investment" || !oldest) {
        expect(calculated).toHaveLength(0);
        continue;
      }
      expected += calculated.length;
      // From the oldest transaction's day to the day before the bank's balance, one point a day.
      expect(calculated[0]?.asOfDate.toISOString().slice(0, 10)).toBe(oldest.date.toISOString().slice(0, 10));
      expect(calculated.length).toBeGreaterThan(300);
      const days = new Set(calculated.map((row) => row.asOfDate.toISOString().slice(0, 10)));
      expect(days.size).toBe(calculated.length);

      // Each day's change is that day's posted transactions, with the account type's sign.
      const sign = account.type === "credit" || account.type === "loan" ? 1 : -1;
      const spent = await db.transaction.groupBy({
        by: ["date"],
        where: { bankAccountId: account.id, pending: false },
        _sum: { amount: true },
      });
      const byDay = new Map(spent.map((row) => [row.date.toISOString().slice(0, 10), row._sum.amount]));
      for (const [index, row] of calculated.entries()) {
        if (index === 0) continue;
        const day = row.asOfDate.toISOString().slice(0, 10);
        const change = row.amount.minus(calculated[index - 1]?.amount ?? 0);
        expect(change.toFixed(2), `${account.name} on ${day}`).toBe(
          (byDay.get(day)?.times(sign) ?? change.times(0)).toFixed(2),
        );
      }
      // The last calculated day plus the bank's day's transactions is the bank's balance.
      const last = calculated.at(-1);
      const bankDay = new Date((last?.asOfDate.getTime() ?? 0) + 1).toISOString().slice(0, 10);
      const reported = await db.accountBalance.findFirstOrThrow({
        where: { bankAccountId: account.id, balanceType: "current", isCurrent: true },
      });
      expect(reported.source).toBe("plaid");
      expect(last?.amount.plus(byDay.get(bankDay)?.times(sign) ?? 0).toFixed(2)).toBe(reported.amount.toFixed(2));
    }
    expect(points.history).toBe(expected);
  });
});

describe("a failed history rebuild", () => {
  it("leaves the sync successful and is done again by the next sync, even one that changed nothing", async () => {
    const connection = await linkConnection(server);
    historyFault.failNext = true;
    const errors = vi.spyOn(console, "error").mockImplementation(() => undefined);
    const first = await runSync({ connectionId: connection.connectionId });
    errors.mockRestore();
    expect(first.status).toBe("success");
    expect((await runRow(first.syncId)).context).toMatchObject({ history: "failed:INTERNAL" });
    expect((await connectionRow(connection.connectionId)).metadata).toMatchObject({ history_stale: true });
    const calculated = () =>
      db.accountBalance.count({
        where: { bankAccount: { plaidConnectionId: connection.connectionId }, source: "calculated" },
      });
    expect(await calculated()).toBe(0);

    const again = await runSync({ connectionId: connection.connectionId });
    expect(again.counts).toMatchObject({ added: 0, updated: 0, deleted: 0 });
    expect((await runRow(again.syncId)).context).toMatchObject({ history: expect.any(Number) });
    expect(await calculated()).toBeGreaterThan(300);
    expect((await connectionRow(connection.connectionId)).metadata).not.toHaveProperty("history_stale");
  });
});

describe("an account Plaid reports that Mingus lacks", () => {
  it("is created from Plaid's description, so its transactions are not lost", async () => {
    const connection = await linkConnection(server);
    const checking = await db.bankAccount.findFirstOrThrow({
      where: { plaidConnectionId: connection.connectionId, mask: "0000" },
    });
    await db.bankAccount.delete({ where: { id: checking.id } });
    const outcome = await runSync({ connectionId: connection.connectionId });
    expect(outcome).toMatchObject({ status: "success", counts: { failed: 0 } });
    await expectConverged(server, connection);
    const recreated = await db.bankAccount.findFirstOrThrow({
      where: { plaidConnectionId: connection.connectionId, accountId: checking.accountId },
      include: { balances: true },
    });
    expect(recreated).toMatchObject({ name: "Plaid Checking", type: "depository", mask: "0000" });
    expect(recreated.balances.map((balance) => balance.balanceType)).toContain("current");
  });
});

describe("incremental syncs", () => {
  it("applies the bank's changes: posted replaces pending, modified updated, removed deleted", async () => {
    const connection = await linkConnection(server, { username: "user_transactions_dynamic" });
    await runSync({ connectionId: connection.connectionId });
    const before = await emulatorTruth(server, connection.accessToken);
    const pendingBefore = [...before.values()].filter((t) => t.pending).length;
    expect(pendingBefore).toBeGreaterThan(0);

    let added = 0;
    let deleted = 0;
    let updated = 0;
    for (let round = 0; round < 3; round++) {
      await server.api.transactionsRefresh({ access_token: connection.accessToken });
      const outcome = await runSync({ connectionId: connection.connectionId });
      expect(outcome.status).toBe("success");
      expect(outcome.counts.processed).toBe(outcome.counts.added + outcome.counts.updated + outcome.counts.deleted);
      added += outcome.counts.added;
      deleted += outcome.counts.deleted;
      updated += outcome.counts.updated;
      await expectConverged(server, connection);
    }
    // Every pending transaction of the first sync posted under a new id, and its pending row went.
    expect(added).toBeGreaterThanOrEqual(pendingBefore);
    expect(deleted).toBeGreaterThanOrEqual(pendingBefore);
    const after = await emulatorTruth(server, connection.accessToken);
    expect(after.size).toBe(before.size + added - deleted);
    expect(updated).toBeGreaterThanOrEqual(0);
  });

  it("records an empty run when nothing changed", async () => {
    const connection = await linkConnection(server);
    await runSync({ connectionId: connection.connectionId });
    const outcome = await runSync({ connectionId: connection.connectionId });
    expect(outcome).toMatchObject({
      status: "success",
      counts: { processed: 0, added: 0, updated: 0, deleted: 0, failed: 0 },
    });
    expect((await runRow(outcome.syncId)).context).toMatchObject({ pages: 1, trigger: "manual" });
  });
});

describe("balances", () => {
  // The balances' own points (the first sync also records the cards' and loans' liabilities, apart).
  const historyCount = (connectionId: string) =>
    db.accountBalance.count({
      where: {
        bankAccount: { plaidConnectionId: connectionId },
        balanceType: { in: ["current", "available", "credit_limit"] },
        source: "plaid",
      },
    });

  it("adds history rows only for values that changed", async () => {
    const connection = await linkConnection(server, { username: "user_transactions_dynamic" });
    const linked = await historyCount(connection.connectionId);
    await runSync({ connectionId: connection.connectionId });
    // Nothing moved at the bank since the link: no new points.
    expect(await historyCount(connection.connectionId)).toBe(linked);

    await server.api.transactionsRefresh({ access_token: connection.accessToken });
    const outcome = await runSync({ connectionId: connection.connectionId });
    const context = (await runRow(outcome.syncId)).context as Record<string, unknown>;
    // Within 15 minutes of the last real-time read, Plaid's cached balances are used.
    expect(context.balance_source).toBe("cached:recent");
    const changed = context.balances_changed as number;
    expect(changed).toBeGreaterThan(0);
    expect(await historyCount(connection.connectionId)).toBe(linked + changed);

    const { data } = await server.api.accountsGet({ access_token: connection.accessToken });
    const accounts = await db.bankAccount.findMany({ where: { plaidConnectionId: connection.connectionId } });
    for (const plaid of data.accounts) {
      const account = accounts.find((row) => row.accountId === plaid.account_id);
      expect(account?.currentBalance?.toFixed(2)).toBe(plaid.balances.current?.toFixed(2));
    }

    const again = await runSync({ connectionId: connection.connectionId });
    expect((await runRow(again.syncId)).context).toMatchObject({ balances_changed: 0 });
    expect(await historyCount(connection.connectionId)).toBe(linked + changed);
  });

  it("falls back to /accounts/get's balances when /accounts/balance/get is rate-limited", async () => {
    const connection = await linkConnection(server);
    await addFault(server, {
      item_id: connection.itemId,
      endpoint: "/accounts/balance/get",
      error_code: "ACCOUNTS_BALANCE_GET_LIMIT",
      remaining: 1,
    });
    const outcome = await runSync({ connectionId: connection.connectionId });
    expect(outcome.status).toBe("success");
    expect((await runRow(outcome.syncId)).context).toMatchObject({ balance_source: "cached:rate_limited" });
    // The attempt counts: the next run does not ask for real-time balances again so soon.
    const metadata = (await connectionRow(connection.connectionId)).metadata as Record<string, unknown>;
    expect(metadata.balances).toMatchObject({ outcome: "rate_limited" });
  });

  it("asks for real-time balances again once the interval has passed", async () => {
    const connection = await linkConnection(server);
    await runSync({ connectionId: connection.connectionId });
    const long = new Date(Date.now() - 16 * 60_000).toISOString();
    await db.$executeRaw`UPDATE plaid_connections SET metadata = jsonb_set(metadata, '{balances,realtime_at}', to_jsonb(${long}::text))
      WHERE id = ${connection.connectionId}::uuid`;
    const outcome = await runSync({ connectionId: connection.connectionId });
    expect((await runRow(outcome.syncId)).context).toMatchObject({ balance_source: "realtime" });
  });
});
