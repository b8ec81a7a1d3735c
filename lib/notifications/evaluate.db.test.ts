// The alert rules against a real database: each fires once per event, with the effective preferences,
// and writes the notification and its messages on the channels and at the frequency chosen.
import { beforeEach, describe, expect, it } from "vitest";
import { db, type Prisma } from "@/lib/db";
import type { DeliveryChannel } from "@/lib/db/vocabulary";
import { createAccount, createPreferences, createTransaction, createUserWithAccount } from "@/lib/test/factories";
import { evaluateConnectionAlerts } from "./evaluate";

const ALL_CHANNELS: ReadonlySet<DeliveryChannel> = new Set(["email", "push", "sms"]);
let clock = new Date("2026-11-24T10:00:00Z");
const tick = () => {
  clock = new Date(clock.getTime() + 60_000);
  return clock;
};

async function setUp(account: Partial<Prisma.BankAccountUncheckedCreateInput> = {}) {
  const made = await createUserWithAccount({
    type: "depository",
    currentBalance: "500.00",
    availableBalance: "480.00",
    lastSyncAt: new Date("2026-11-24T09:00:00Z"),
    ...account,
  });
  const evaluate = () =>
    evaluateConnectionAlerts({ connectionId: made.connection.id, now: tick(), channels: ALL_CHANNELS });
  const setBalance = (data: { currentBalance?: string; availableBalance?: string | null }) =>
    db.bankAccount.update({ where: { id: made.account.id }, data });
  const notifications = () =>
    db.notification.findMany({ where: { userId: made.user.id }, orderBy: { createdAt: "asc" } });
  return { ...made, evaluate, setBalance, notifications };
}

beforeEach(() => {
  clock = new Date("2026-11-24T10:00:00Z");
});

describe("low balance", () => {
  it("fires when the available balance falls below, once, and again only after it recovered", async () => {
    const t = await setUp();
    await createPreferences({ userId: t.user.id, lowBalanceAlert: true, lowBalanceThreshold: "100" });
    await t.evaluate();
    expect(await t.notifications()).toHaveLength(0);

    await t.setBalance({ availableBalance: "42.10" });
    await t.evaluate();
    await t.evaluate();
    await t.setBalance({ availableBalance: "12.00" });
    await t.evaluate();
    const [low] = await t.notifications();
    expect(await t.notifications()).toHaveLength(1);
    expect(low).toMatchObject({ kind: "low_balance", bankAccountId: t.account.id, inApp: true });
    expect(low?.body).toContain("$42.10");
    expect(low?.body).toContain("$100.00");

    await t.setBalance({ availableBalance: "150.00" });
    await t.evaluate();
    expect(await t.notifications()).toHaveLength(1);
    await t.setBalance({ availableBalance: "99.99" });
    await t.evaluate();
    expect(await t.notifications()).toHaveLength(2);
  });

  it("watches the current balance when there is no available one, and available credit on a card", async () => {
    const t = await setUp({ availableBalance: null, currentBalance: "80.00" });
    await createPreferences({ userId: t.user.id, lowBalanceAlert: true, lowBalanceThreshold: "100" });
    await t.evaluate();
    expect((await t.notifications()).map((n) => n.kind)).toEqual(["low_balance"]);

    const card = await setUp({ type: "credit", currentBalance: "20.00", availableBalance: "5000.00" });
    await createPreferences({ userId: card.user.id, lowBalanceAlert: true, lowBalanceThreshold: "100" });
    await card.evaluate();
    expect(await card.notifications()).toHaveLength(0);
    await card.setBalance({ availableBalance: "40.00" });
    await card.evaluate();
    expect((await card.notifications()).map((n) => n.kind)).toEqual(["low_balance"]);
  });
});

describe("balance threshold", () => {
  it("fires on each crossing of the current balance, not on every sync", async () => {
    const t = await setUp();
    await createPreferences({ userId: t.user.id, balanceAlerts: true, balanceThreshold: "1000" });
    await t.evaluate();
    await t.setBalance({ currentBalance: "1500.00" });
    await t.evaluate();
    await t.setBalance({ currentBalance: "1600.00" });
    await t.evaluate();
    await t.setBalance({ currentBalance: "900.00" });
    await t.evaluate();
    await t.evaluate();
    const kinds = (await t.notifications()).map((n) => [n.kind, (n.data as { direction?: string }).direction]);
    expect(kinds).toEqual([
      ["balance_threshold", "up"],
      ["balance_threshold", "down"],
    ]);
  });

  it("starts from the balance's side when the threshold is set or changed, without firing", async () => {
    const t = await setUp();
    const row = await createPreferences({ userId: t.user.id, balanceAlerts: true, balanceThreshold: "100" });
    await t.evaluate();
    await db.bankingPreferences.update({ where: { id: row.id }, data: { balanceThreshold: "1000" } });
    await t.evaluate();
    expect(await t.notifications()).toHaveLength(0);
    await t.setBalance({ currentBalance: "1000.00" });
    await t.evaluate();
    expect(await t.notifications()).toHaveLength(1);
  });
});

describe("transactions", () => {
  it("treats what is already there as history, alerts each new posted one once, and never a pending one", async () => {
    const t = await setUp();
    await createPreferences({ userId: t.user.id, transactionNotifications: true });
    await createTransaction({ bankAccountId: t.account.id, amount: "25.00", date: new Date("2026-11-20") });
    await t.evaluate();
    expect(await t.notifications()).toHaveLength(0);

    await createTransaction({
      bankAccountId: t.account.id,
      transactionId: "pending-1",
      amount: "64.00",
      pending: true,
      date: new Date("2026-11-24"),
    });
    await t.evaluate();
    expect(await t.notifications()).toHaveLength(0);

    // The pending one posts: Plaid removes it and adds the posted one, naming the pending id.
    await db.transaction.delete({ where: { transactionId: "pending-1" } });
    await createTransaction({
      bankAccountId: t.account.id,
      transactionId: "posted-1",
      pendingTransactionId: "pending-1",
      amount: "64.00",
      name: "Corner Grocer",
      date: new Date("2026-11-24"),
    });
    await t.evaluate();
    await t.evaluate();
    const [alert, ...rest] = await t.notifications();
    expect(rest).toHaveLength(0);
    expect(alert).toMatchObject({ kind: "transaction", dedupeKey: "transaction:posted-1" });
    expect(alert?.body).toContain("$64.00");
  });

  it("looks at every account of the connection at once: each account's news, once, under its own name", async () => {
    const t = await setUp({ name: "Everyday" });
    const savings = await createAccount({
      userId: t.user.id,
      plaidConnectionId: t.connection.id,
      name: "Rainy Day",
      lastSyncAt: new Date("2026-11-24T09:00:00Z"),
    });
    // Not synced yet: its transactions are history until its first sync is in.
    const fresh = await createAccount({ userId: t.user.id, plaidConnectionId: t.connection.id, name: "Brand New" });
    await createPreferences({ userId: t.user.id, transactionNotifications: true });
    for (const bankAccountId of [t.account.id, savings.id, fresh.id]) {
      await createTransaction({ bankAccountId, amount: "5.00", date: new Date("2026-11-20") });
    }
    await t.evaluate();
    expect(await t.notifications()).toHaveLength(0);

    const news: [string, string, string, boolean][] = [
      [t.account.id, "everyday-1", "31.00", false],
      [savings.id, "savings-1", "42.00", false],
      [savings.id, "savings-pending", "45.00", true],
      [savings.id, "savings-2", "43.00", false],
      [fresh.id, "new-1", "44.00", false],
    ];
    for (const [bankAccountId, transactionId, amount, pending] of news) {
      await createTransaction({ bankAccountId, transactionId, amount, pending, date: new Date("2026-11-24") });
    }
    await t.evaluate();
    await t.evaluate();
    const alerts = await t.notifications();
    expect(alerts.map((alert) => [alert.dedupeKey, alert.bankAccountId]).sort()).toEqual(
      [
        ["transaction:everyday-1", t.account.id],
        ["transaction:savings-1", savings.id],
        ["transaction:savings-2", savings.id],
      ].sort(),
    );
    expect(alerts.find((alert) => alert.dedupeKey === "transaction:savings-1")?.body).toContain("Rainy Day");
  });

  it("with a large-transaction threshold, only those of at least that much, in or out", async () => {
    const t = await setUp();
    await createPreferences({ userId: t.user.id, transactionNotifications: true, largeTransactionThreshold: "1000" });
    await t.evaluate();
    for (const [id, amount] of [
      ["small", "999.99"],
      ["exact", "1000.00"],
      ["deposit", "-2500.00"],
    ] as const) {
      await createTransaction({ bankAccountId: t.account.id, transactionId: id, amount, date: new Date("2026-11-24") });
    }
    await t.evaluate();
    expect((await t.notifications()).map((n) => n.dedupeKey).sort()).toEqual([
      "transaction:deposit",
      "transaction:exact",
    ]);
  });

  it("an account's first sync is history, however long it takes to finish", async () => {
    const t = await setUp({ lastSyncAt: null });
    await createPreferences({ userId: t.user.id, transactionNotifications: true });
    // Settings saved (or a webhook) before the initial sync has run: nothing to compare with yet.
    await t.evaluate();
    await createTransaction({ bankAccountId: t.account.id, amount: "50.00", date: new Date("2026-11-23") });
    await db.bankAccount.update({
      where: { id: t.account.id },
      data: { lastSyncAt: new Date("2026-11-24T10:30:00Z") },
    });
    await t.evaluate();
    expect(await t.notifications()).toHaveLength(0);
    await createTransaction({ bankAccountId: t.account.id, amount: "60.00", date: new Date("2026-11-24") });
    await t.evaluate();
    expect(await t.notifications()).toHaveLength(1);
  });

  it("reads the database's microseconds: rows the sync engine wrote are not news twice", async () => {
    const t = await setUp();
    await createPreferences({ userId: t.user.id, transactionNotifications: true });
    // As the engine inserts them: created_at is the database's now(), to the microsecond.
    await db.$executeRaw`
      INSERT INTO transactions (bank_account_id, transaction_id, amount, date, name, created_at)
      VALUES (${t.account.id}::uuid, 'engine-1', 40, '2026-11-23', 'Corner Grocer', '2026-11-24 09:00:00.123456+00')`;
    await t.evaluate();
    await t.evaluate();
    expect(await t.notifications()).toHaveLength(0);
  });

  it("ignores history arriving late (older than 30 days)", async () => {
    const t = await setUp();
    await createPreferences({ userId: t.user.id, transactionNotifications: true });
    await t.evaluate();
    await createTransaction({ bankAccountId: t.account.id, amount: "50.00", date: new Date("2026-09-01") });
    await t.evaluate();
    expect(await t.notifications()).toHaveLength(0);
  });
});

describe("unusual activity", () => {
  async function withCoffeeHistory() {
    const t = await setUp();
    for (let day = 1; day <= 12; day++) {
      await createTransaction({
        bankAccountId: t.account.id,
        amount: (4.5 + (day % 3)).toFixed(2),
        name: "Blue Bottle",
        merchantName: "Blue Bottle",
        categoryPrimary: "FOOD_AND_DRINK",
        date: new Date(Date.UTC(2026, 9, day * 3)),
      });
    }
    return t;
  }

  it("flags a charge far above what is usual at that merchant, with the reason", async () => {
    const t = await withCoffeeHistory();
    await createPreferences({ userId: t.user.id, unusualActivityAlerts: true, transactionNotifications: true });
    await t.evaluate();
    await createTransaction({
      bankAccountId: t.account.id,
      transactionId: "big-coffee",
      amount: "240.00",
      name: "Blue Bottle",
      merchantName: "Blue Bottle",
      categoryPrimary: "FOOD_AND_DRINK",
      date: new Date("2026-11-24"),
    });
    await createTransaction({
      bankAccountId: t.account.id,
      transactionId: "usual-coffee",
      amount: "5.50",
      name: "Blue Bottle",
      merchantName: "Blue Bottle",
      date: new Date("2026-11-24"),
    });
    await t.evaluate();
    const alerts = await t.notifications();
    // The unusual one says everything about its transaction; the usual one is an ordinary alert.
    expect(alerts.map((n) => [n.kind, n.dedupeKey]).sort()).toEqual([
      ["transaction", "transaction:usual-coffee"],
      ["unusual_activity", "unusual:big-coffee"],
    ]);
    const unusual = alerts.find((n) => n.kind === "unusual_activity");
    expect(unusual?.reason).toContain("Blue Bottle");
  });

  it("stays quiet on a history without anomalies", async () => {
    const t = await withCoffeeHistory();
    await createPreferences({ userId: t.user.id, unusualActivityAlerts: true });
    await t.evaluate();
    await createTransaction({
      bankAccountId: t.account.id,
      amount: "6.00",
      name: "Blue Bottle",
      merchantName: "Blue Bottle",
      date: new Date("2026-11-24"),
    });
    await t.evaluate();
    expect(await t.notifications()).toHaveLength(0);
  });
});

describe("silence and reconnecting", () => {
  it("a hidden account stays silent, and showing it again brings no stale alert", async () => {
    const t = await setUp();
    await createPreferences({ userId: t.user.id, lowBalanceAlert: true, lowBalanceThreshold: "100" });
    const hidden = await createPreferences({ userId: t.user.id, bankAccountId: t.account.id, hideAccount: true });
    await t.evaluate();
    await t.setBalance({ availableBalance: "10.00" });
    await t.evaluate();
    await db.bankingPreferences.update({ where: { id: hidden.id }, data: { hideAccount: false } });
    await t.evaluate();
    expect(await t.notifications()).toHaveLength(0);
  });

  it("an account's own preferences win over the global ones", async () => {
    const t = await setUp();
    await createPreferences({ userId: t.user.id, lowBalanceAlert: false, lowBalanceThreshold: "100" });
    await createPreferences({ userId: t.user.id, bankAccountId: t.account.id, lowBalanceAlert: true });
    await t.setBalance({ availableBalance: "10.00" });
    await t.evaluate();
    expect((await t.notifications()).map((n) => n.kind)).toEqual(["low_balance"]);
  });

  it("a connection that needs reconnecting notifies once per episode, whatever the alert toggles", async () => {
    const t = await setUp();
    await t.evaluate();
    await db.plaidConnection.update({ where: { id: t.connection.id }, data: { requiresReauth: true } });
    await t.evaluate();
    await t.evaluate();
    expect((await t.notifications()).map((n) => [n.kind, n.plaidConnectionId])).toEqual([
      ["reconnect_required", t.connection.id],
    ]);
    await db.plaidConnection.update({ where: { id: t.connection.id }, data: { requiresReauth: false } });
    await t.evaluate();
    await db.plaidConnection.update({ where: { id: t.connection.id }, data: { requiresReauth: true } });
    await t.evaluate();
    expect(await t.notifications()).toHaveLength(2);
  });

  it("two evaluations at once still make one alert", async () => {
    const t = await setUp({ availableBalance: "10.00" });
    await createPreferences({ userId: t.user.id, lowBalanceAlert: true, lowBalanceThreshold: "100" });
    const at = tick();
    await Promise.all(
      [1, 2, 3].map(() => evaluateConnectionAlerts({ connectionId: t.connection.id, now: at, channels: ALL_CHANNELS })),
    );
    expect(await t.notifications()).toHaveLength(1);
  });
});

describe("channels and frequency", () => {
  async function lowBalanceAlert(preferences: Partial<Prisma.BankingPreferencesUncheckedCreateInput>) {
    const t = await setUp({ availableBalance: "10.00" });
    await createPreferences({ userId: t.user.id, lowBalanceAlert: true, lowBalanceThreshold: "100", ...preferences });
    const result = await t.evaluate();
    const messages = await db.notificationMessage.findMany({
      where: { userId: t.user.id },
      include: { deliveries: true },
      orderBy: { channel: "asc" },
    });
    return { t, result, messages };
  }

  it("immediately: one message per channel that is on, due now", async () => {
    const { result, messages } = await lowBalanceAlert({ smsNotifications: true });
    expect(messages.map((m) => [m.channel, m.frequency, m.status])).toEqual([
      ["email", "immediate", "pending"],
      ["sms", "immediate", "pending"],
    ]);
    expect(result.dueMessageIds.sort()).toEqual(messages.map((m) => m.id).sort());
    expect(messages.every((m) => m.deliveries.length === 1)).toBe(true);
  });

  it("a channel turned off gets nothing, and in-app off hides it from the bell", async () => {
    const { t, messages } = await lowBalanceAlert({ emailNotifications: false, inAppNotifications: false });
    expect(messages).toHaveLength(0);
    expect((await t.notifications()).map((n) => n.inApp)).toEqual([false]);
  });

  it("a channel the server cannot send on is skipped", async () => {
    const t = await setUp({ availableBalance: "10.00" });
    await createPreferences({
      userId: t.user.id,
      lowBalanceAlert: true,
      lowBalanceThreshold: "100",
      smsNotifications: true,
    });
    await evaluateConnectionAlerts({ connectionId: t.connection.id, now: tick(), channels: new Set(["email"]) });
    expect((await db.notificationMessage.findMany({ where: { userId: t.user.id } })).map((m) => m.channel)).toEqual([
      "email",
    ]);
  });

  it("daily: alerts of one day gather in one digest sent at the day's end", async () => {
    const { t, result, messages } = await lowBalanceAlert({
      notificationFrequency: "daily",
      transactionNotifications: true,
    });
    expect(result.dueMessageIds).toEqual([]);
    await createTransaction({ bankAccountId: t.account.id, amount: "30.00", date: new Date("2026-11-24") });
    await t.evaluate();
    const digests = await db.notificationMessage.findMany({
      where: { userId: t.user.id },
      include: { deliveries: true },
    });
    expect(digests).toHaveLength(1);
    expect(digests[0]).toMatchObject({
      id: messages[0]?.id,
      channel: "email",
      frequency: "daily",
      periodStart: new Date("2026-11-24T00:00:00Z"),
      periodEnd: new Date("2026-11-25T00:00:00Z"),
      nextAttemptAt: new Date("2026-11-25T00:00:00Z"),
    });
    expect(digests[0]?.deliveries).toHaveLength(2);
  });
});
