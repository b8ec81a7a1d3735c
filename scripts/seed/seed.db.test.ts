// Seeds a fresh database twice with a fixed `now` and checks what the demo user and later pages rely on:
// identical data each run, every account type, a chained year of balances, syncs, and untouched user rows.
import { beforeAll, describe, expect, test } from "vitest";
import { verifyPassword } from "@/lib/auth/password";
import { db } from "@/lib/db";
import { getConnectionAccessToken } from "@/lib/plaid/connection-token";
import { currentTokenKeyId } from "@/lib/plaid/token-crypto";
import { createAccount, createBalance, createConnection } from "@/lib/test/factories";
import { DEMO_ACCESS_TOKEN, DEMO_EMAIL, DEMO_PASSWORD } from "./catalog";
import { type SeedResult, seedDemoData } from "./seed-demo-data";

const NOW = new Date("2026-11-20T15:30:00.000Z");
const SEED_TIMEOUT = 240_000;

const DEMO_ITEMS = { startsWith: "demo-" };
const omitRowMeta = { id: true, createdAt: true, updatedAt: true } as const;

/** Everything the seed owns, as a user could see it, without the row ids that may change. */
async function snapshot(userId: string) {
  const demo = { userId, itemId: DEMO_ITEMS };
  const balances = await db.$queryRaw<Record<string, unknown>[]>`
    SELECT b.bank_account_id, b.balance_type, b.as_of_date, b.amount::text, b.previous_amount::text,
           b.change_amount::text, b.is_current
    FROM account_balances b JOIN bank_accounts a ON a.id = b.bank_account_id
    JOIN plaid_connections c ON c.id = a.plaid_connection_id
    WHERE c.user_id = ${userId}::uuid AND c.item_id LIKE 'demo-%'
    ORDER BY b.bank_account_id, b.balance_type, b.as_of_date`;
  const rows = {
    connections: await db.plaidConnection.findMany({
      where: demo,
      orderBy: { itemId: "asc" },
      // The sealed token differs on every seed (a fresh IV); what it opens to is checked below.
      omit: { createdAt: true, updatedAt: true, accessToken: true },
    }),
    accounts: await db.bankAccount.findMany({
      where: { plaidConnection: demo },
      orderBy: { accountId: "asc" },
      omit: { updatedAt: true },
    }),
    balances,
    transactions: await db.transaction.findMany({
      where: { bankAccount: { plaidConnection: demo } },
      orderBy: { transactionId: "asc" },
      omit: omitRowMeta,
    }),
    syncs: await db.transactionSync.findMany({
      where: { plaidConnection: demo },
      orderBy: [{ startedAt: "asc" }, { plaidConnectionId: "asc" }],
      omit: omitRowMeta,
    }),
    preferences: await db.bankingPreferences.findMany({
      where: { userId },
      orderBy: [{ bankAccountId: { sort: "asc", nulls: "first" } }],
      omit: omitRowMeta,
    }),
  };
  return JSON.parse(JSON.stringify(rows));
}

describe("seedDemoData", () => {
  let first: SeedResult;
  let second: SeedResult;
  let firstSnapshot: unknown;
  let ownConnectionId: string;
  let ownAccountId: string;

  beforeAll(async () => {
    first = await seedDemoData({ now: NOW });
    firstSnapshot = await snapshot(first.userId);
    // The demo user links a bank of their own; re-seeding must leave it alone.
    const own = await createConnection({
      userId: first.userId,
      itemId: "item-own-link",
      institutionId: "ins_3",
      institutionName: "Chase",
    });
    const account = await createAccount({ userId: first.userId, plaidConnectionId: own.id, currentBalance: "42.00" });
    await createBalance({ bankAccountId: account.id, amount: "42.00" });
    ownConnectionId = own.id;
    ownAccountId = account.id;
    second = await seedDemoData({ now: NOW });
  }, SEED_TIMEOUT);

  test("re-seeding gives the same user, counts and amounts, and duplicates nothing", async () => {
    expect(second).toEqual(first);
    expect(first).toMatchObject({ email: DEMO_EMAIL, password: DEMO_PASSWORD, connections: 2, accounts: 10 });
    expect(first.balances).toBe(366 * 15);
    expect(first.transactions).toBeGreaterThan(1000);
    expect(first.syncs).toBeGreaterThan(100);

    const again = await snapshot(first.userId);
    expect(again).toEqual(firstSnapshot);
    // Exactly the rows the seed reports writing: nothing left over from the first run.
    const { email: _email, password: _password, userId: _userId, ...counts } = first;
    expect(Object.fromEntries(Object.keys(counts).map((table) => [table, again[table].length]))).toEqual(counts);
    expect(again.preferences.filter((p: { bankAccountId: string | null }) => p.bankAccountId === null)).toHaveLength(1);
    expect(await db.user.count({ where: { email: DEMO_EMAIL } })).toBe(1);
  });

  test("has the sandbox accounts, one of every type, with masked numbers", async () => {
    const accounts = await db.bankAccount.findMany({
      where: { userId: first.userId, plaidConnection: { itemId: DEMO_ITEMS } },
      orderBy: { mask: "asc" },
    });
    expect(accounts.map((a) => [a.name, a.type, a.subtype, a.mask])).toEqual([
      ["Plaid Checking", "depository", "checking", "0000"],
      ["Plaid Saving", "depository", "savings", "1111"],
      ["Plaid CD", "depository", "cd", "2222"],
      ["Plaid Credit Card", "credit", "credit card", "3333"],
      ["Plaid Money Market", "depository", "money market", "4444"],
      ["Plaid IRA", "investment", "ira", "5555"],
      ["Plaid 401k", "investment", "401k", "6666"],
      ["Plaid Student Loan", "loan", "student", "7777"],
      ["Plaid Mortgage", "loan", "mortgage", "8888"],
      ["Plaid Escrow", "other", "other", "9999"],
    ]);
    expect(new Set(accounts.map((a) => a.plaidConnectionId)).size).toBe(2);
    for (const account of accounts) expect(account.accountNumber).toBe(`••••${account.mask}`);
    const card = accounts.find((a) => a.type === "credit");
    expect(card?.apr).toBeGreaterThan(0);
    expect(Number(card?.creditLimit)).toBeGreaterThan(0);
    expect(accounts.find((a) => a.subtype === "student")?.interestRate).toBeGreaterThan(0);
    const preferences = await db.bankingPreferences.findMany({ where: { userId: first.userId } });
    expect(preferences.filter((p) => p.hideAccount)).toHaveLength(1);
    expect(preferences.find((p) => p.bankAccountId === null)?.lowBalanceAlert).toBe(true);
  });

  test("keeps 366 daily balances per account, chained by the triggers, ending in one current row", async () => {
    const series = await db.$queryRaw<
      { name: string; balance_type: string; rows: number; days: number; current: number; last_as_of: Date }[]
    >`
      SELECT a.name, b.balance_type, count(*)::int AS rows,
             count(DISTINCT (b.as_of_date AT TIME ZONE 'UTC')::date)::int AS days,
             count(*) FILTER (WHERE b.is_current)::int AS current,
             max(b.as_of_date) FILTER (WHERE b.is_current) AS last_as_of
      FROM account_balances b JOIN bank_accounts a ON a.id = b.bank_account_id
      WHERE a.user_id = ${first.userId}::uuid AND a.id <> ${ownAccountId}::uuid
      GROUP BY a.name, b.balance_type`;
    const current = series.filter((s) => s.balance_type === "current");
    expect(current).toHaveLength(10);
    expect(series.filter((s) => s.balance_type === "available")).toHaveLength(4);
    expect(series.filter((s) => s.balance_type === "credit_limit").map((s) => s.name)).toEqual(["Plaid Credit Card"]);
    for (const s of series) {
      expect(s, `${s.name} ${s.balance_type}`).toMatchObject({ rows: 366, days: 366, current: 1 });
      expect(s.last_as_of.toISOString()).toBe(NOW.toISOString());
    }
    const [chain] = await db.$queryRaw<{ broken: number; unchained: number }[]>`
      SELECT count(*) FILTER (WHERE previous_amount IS DISTINCT FROM lagged
                                 OR change_amount IS DISTINCT FROM amount - lagged)::int AS broken,
             count(*) FILTER (WHERE lagged IS NULL)::int AS unchained
      FROM (SELECT b.*, lag(b.amount) OVER (PARTITION BY b.bank_account_id, b.balance_type ORDER BY b.as_of_date) AS lagged
            FROM account_balances b JOIN bank_accounts a ON a.id = b.bank_account_id
            WHERE a.plaid_connection_id <> ${ownConnectionId}::uuid AND a.user_id = ${first.userId}::uuid) s`;
    expect(chain).toEqual({ broken: 0, unchained: 15 });
  });

  test("shows on each account the balances of its current rows", async () => {
    const accounts = await db.bankAccount.findMany({
      where: { plaidConnection: { userId: first.userId, itemId: DEMO_ITEMS } },
      include: { balances: { where: { isCurrent: true } } },
    });
    for (const account of accounts) {
      const row = (type: string) => account.balances.find((b) => b.balanceType === type)?.amount.toString() ?? null;
      expect(account.currentBalance?.toString(), account.name).toBe(row("current"));
      if (account.type === "depository")
        expect(account.availableBalance?.toString(), account.name).toBe(row("available"));
      expect(account.creditLimit?.toString() ?? null, account.name).toBe(row("credit_limit"));
    }
  });

  test("moves each daily balance of checking and the card by that day's posted transactions", async () => {
    for (const [name, direction] of [
      ["Plaid Checking", -1],
      ["Plaid Credit Card", 1],
    ] as const) {
      const account = await db.bankAccount.findFirstOrThrow({
        where: { name, plaidConnection: { userId: first.userId, itemId: DEMO_ITEMS } },
      });
      const posted = await db.transaction.findMany({ where: { bankAccountId: account.id, pending: false } });
      const byDay = new Map<string, number>();
      for (const txn of posted) {
        const day = txn.date.toISOString().slice(0, 10);
        byDay.set(day, (byDay.get(day) ?? 0) + Math.round(Number(txn.amount) * 100));
      }
      const balances = await db.accountBalance.findMany({
        where: { bankAccountId: account.id, balanceType: "current" },
        orderBy: { asOfDate: "asc" },
      });
      for (const balance of balances.slice(1)) {
        const day = balance.asOfDate.toISOString().slice(0, 10);
        const change = Math.round(Number(balance.changeAmount) * 100);
        // `|| 0`: a day without transactions expects 0, not -0.
        expect(change, `${name} on ${day}`).toBe(direction * (byDay.get(day) ?? 0) || 0);
      }
    }
  });

  test("has Plaid-shaped transactions, a few still pending, posted ones naming their pending version", async () => {
    const transactions = await db.transaction.findMany({
      where: { bankAccount: { plaidConnection: { userId: first.userId, itemId: DEMO_ITEMS } } },
    });
    expect(transactions.every((t) => t.transactionId.startsWith("demo-txn-"))).toBe(true);
    const pending = transactions.filter((t) => t.pending);
    expect(pending.length).toBeGreaterThan(0);
    expect(pending.length).toBeLessThan(15);
    const threeDaysAgo = new Date(NOW.getTime() - 3 * 86_400_000);
    expect(pending.every((t) => t.date >= threeDaysAgo)).toBe(true);
    expect(transactions.filter((t) => t.pendingTransactionId !== null).length).toBeGreaterThan(0);
    expect(transactions.find((t) => t.merchantName === "Starbucks")).toMatchObject({
      categoryPrimary: "FOOD_AND_DRINK",
      categoryDetailed: "FOOD_AND_DRINK_COFFEE",
      paymentChannel: "in store",
    });
    // Plaid's sign: payroll is money in (negative), rent money out (positive).
    const signs = (detailed: string) =>
      new Set(transactions.filter((t) => t.categoryDetailed === detailed).map((t) => Math.sign(Number(t.amount))));
    expect(signs("INCOME_WAGES")).toEqual(new Set([-1]));
    expect(signs("RENT_AND_UTILITIES_RENT")).toEqual(new Set([1]));
  });

  test("records sync history whose latest success is each connection's last sync", async () => {
    const connections = await db.plaidConnection.findMany({
      where: { userId: first.userId, itemId: DEMO_ITEMS },
      include: { transactionSyncs: { orderBy: { startedAt: "asc" } }, bankAccounts: true },
    });
    for (const connection of connections) {
      const syncs = connection.transactionSyncs;
      expect(syncs[0]?.syncType, connection.itemId).toBe("initial");
      const successes = syncs.filter((s) => s.status === "success").map((s) => s.completedAt?.getTime() ?? 0);
      const lastSuccess = new Date(Math.max(...successes));
      expect(connection.lastSyncAt?.toISOString()).toBe(lastSuccess.toISOString());
      for (const account of connection.bankAccounts) {
        expect(account.lastSyncAt?.getTime()).toBe(lastSuccess.getTime());
      }
      expect(connection.nextSyncAt?.getTime()).toBeGreaterThan(NOW.getTime());
      expect(syncs.every((s) => s.completedAt !== null && s.completedAt <= NOW)).toBe(true);
      expect(connection).toMatchObject({ isActive: true, requiresReauth: false });
    }
    const statuses = connections.flatMap((c) => c.transactionSyncs.map((s) => s.status));
    expect(statuses.filter((s) => s === "failed").length).toBeGreaterThan(0);
    expect(statuses.filter((s) => s === "partial")).toHaveLength(1);
    // A past failure stays as history, but both are healthy now: no failure since their last success.
    expect(connections.map((c) => c.errorCount)).toEqual([0, 0]);
    const errored = connections.filter((c) => c.lastError !== null);
    expect(errored).toHaveLength(1);
    expect(errored[0]?.lastError).toMatch(/INSTITUTION_DOWN/);
    expect(errored[0]?.lastErrorAt?.getTime()).toBeLessThan(errored[0]?.lastSyncAt?.getTime() ?? 0);
  });

  test("stores the demo items' placeholder token sealed, never in plaintext, and marks them as demo", async () => {
    const connections = await db.plaidConnection.findMany({ where: { itemId: DEMO_ITEMS } });
    expect(connections.map((c) => c.itemId).sort()).toEqual(["demo-item-first-platypus", "demo-item-tattersall"]);
    for (const connection of connections) {
      expect(connection.accessToken).not.toContain(DEMO_ACCESS_TOKEN);
      expect(connection.accessToken).toMatch(/^v1\./);
      expect(connection.accessTokenKeyId).toBe(currentTokenKeyId());
      expect(await getConnectionAccessToken({ connectionId: connection.id })).toBe(DEMO_ACCESS_TOKEN);
      expect(connection.metadata).toEqual({ demo: true });
    }
  });

  test("lets the demo user sign in with the printed password", async () => {
    const user = await db.user.findUniqueOrThrow({ where: { email: DEMO_EMAIL } });
    expect(user).toMatchObject({ id: first.userId, name: "Demo User", role: "user" });
    expect(await verifyPassword({ password: DEMO_PASSWORD, hash: user.passwordHash ?? "" })).toBe(true);
    expect(await verifyPassword({ password: "not-the-password", hash: user.passwordHash ?? "" })).toBe(false);
    expect(user.passwordHash).toMatch(/^\$argon2id\$/);
  });

  test("leaves the user's own connection, account and balances alone", async () => {
    const own = await db.plaidConnection.findUnique({
      where: { id: ownConnectionId },
      include: { bankAccounts: { include: { balances: true } } },
    });
    expect(own?.itemId).toBe("item-own-link");
    expect(own?.bankAccounts.map((a) => a.id)).toEqual([ownAccountId]);
    expect(own?.bankAccounts[0]?.balances.map((b) => b.amount.toString())).toEqual(["42"]);
  });

  test("sums the user's accounts in user_account_summary", async () => {
    const rows = await db.$queryRaw<{ total_accounts: bigint; unique_institutions: bigint; total_balance: unknown }[]>`
      SELECT total_accounts, unique_institutions, total_balance FROM user_account_summary WHERE user_id = ${first.userId}::uuid`;
    expect(rows).toHaveLength(1);
    expect(rows[0]?.total_accounts).toBe(11n);
    expect(rows[0]?.unique_institutions).toBe(3n);
    const accounts = await db.bankAccount.findMany({ where: { userId: first.userId } });
    const net = accounts.reduce(
      (sum, a) =>
        sum + (a.type === "credit" || a.type === "loan" ? -1 : 1) * Math.round(Number(a.currentBalance) * 100),
      0,
    );
    expect(Math.round(Number(rows[0]?.total_balance) * 100)).toBe(net);
  });

  test("rolls back a seed that fails half-way, keeping the previous demo data", { timeout: SEED_TIMEOUT }, async () => {
    const before = await snapshot(first.userId);
    // Refuses new sync rows, the seed's last write: by then it has deleted the old demo data and
    // written the new connections, accounts, balances and transactions.
    await db.$executeRawUnsafe(
      `ALTER TABLE transaction_syncs ADD CONSTRAINT test_refuse_syncs CHECK (sync_type = 'none') NOT VALID`,
    );
    try {
      await expect(seedDemoData({ now: new Date(NOW.getTime() + 86_400_000) })).rejects.toThrow(/test_refuse_syncs/);
    } finally {
      await db.$executeRawUnsafe(`ALTER TABLE transaction_syncs DROP CONSTRAINT test_refuse_syncs`);
    }
    expect(await snapshot(first.userId)).toEqual(before);
  });

  test("seeds another user with the same data set without colliding with the demo user", {
    timeout: SEED_TIMEOUT,
  }, async () => {
    const other = await seedDemoData({ now: NOW, email: "second-demo@example.test", name: "Second" });
    expect(other).toMatchObject({ email: "second-demo@example.test", connections: 2, accounts: 10 });
    expect(other.userId).not.toBe(first.userId);
    const items = await db.plaidConnection.findMany({ where: { userId: other.userId }, select: { itemId: true } });
    expect(items.map((item) => item.itemId).sort()).toEqual([
      expect.stringMatching(/^demo-item-first-platypus-[0-9a-f]{8}$/),
      expect.stringMatching(/^demo-item-tattersall-[0-9a-f]{8}$/),
    ]);
    expect(
      await db.bankAccount.count({
        where: { userId: first.userId, plaidConnection: { itemId: { startsWith: "demo-" } } },
      }),
    ).toBe(10);
  });
});
