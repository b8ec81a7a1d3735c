import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { createBalance, createTransaction, createUser, createUserWithAccount } from "@/lib/test/factories";
import { getBalanceHistory } from "./history";
import { rebuildBalanceHistory } from "./rebuild";

const NOW = new Date("2026-11-23T15:30:00Z");
const at = (day: string, time = "12:00:00") => new Date(`${day}T${time}Z`);

type Point = { day: string; amount: string; source: string; current: boolean };

async function currentSeries(accountId: string): Promise<Point[]> {
  const rows = await db.accountBalance.findMany({
    where: { bankAccountId: accountId, balanceType: "current" },
    orderBy: [{ asOfDate: "asc" }, { createdAt: "asc" }],
  });
  return rows.map((row) => ({
    day: row.asOfDate.toISOString().slice(0, 10),
    amount: row.amount.toFixed(2),
    source: row.source,
    current: row.isCurrent,
  }));
}

const calculated = (points: Point[]) =>
  Object.fromEntries(points.filter((point) => point.source === "calculated").map((point) => [point.day, point.amount]));

async function postedTransactions(bankAccountId: string, rows: [day: string, amount: string, pending?: boolean][]) {
  for (const [day, amount, pending = false] of rows) {
    await createTransaction({ bankAccountId, date: new Date(day), amount, pending });
  }
}

describe("rebuildBalanceHistory", () => {
  it("works a depository account's days back from the bank's balance, money out lowering it", async () => {
    const { account } = await createUserWithAccount({ type: "depository", lastSyncAt: NOW });
    await createBalance({ bankAccountId: account.id, amount: "1000.00", asOfDate: at("2026-11-23", "09:00:00") });
    await postedTransactions(account.id, [
      ["2026-11-19", "50.00"],
      ["2026-11-21", "-200.00"],
      ["2026-11-22", "30.00"],
      ["2026-11-22", "5.00"],
      ["2026-11-22", "999.00", true],
      ["2026-11-23", "10.00"],
    ]);

    const result = await rebuildBalanceHistory({ accountIds: [account.id], now: NOW });
    expect(result).toEqual({ accounts: 1, points: 4 });
    const points = await currentSeries(account.id);
    // The anchor's own day keeps the bank's figure; pending spending does not count; the oldest
    // transaction's day is the first point.
    expect(calculated(points)).toEqual({
      "2026-11-19": "845.00",
      "2026-11-20": "845.00",
      "2026-11-21": "1045.00",
      "2026-11-22": "1010.00",
    });
    // Each day's change is that day's posted transactions, with money out lowering the balance.
    const spent: Record<string, number> = { "2026-11-20": 0, "2026-11-21": -200, "2026-11-22": 35, "2026-11-23": 10 };
    for (let index = 1; index < points.length; index++) {
      const [before, after] = [points[index - 1], points[index]];
      expect(Number(after?.amount) - Number(before?.amount)).toBeCloseTo(-(spent[after?.day ?? ""] ?? Number.NaN), 2);
    }
    // The bank's row is still the one current balance, untouched.
    expect(points.filter((point) => point.current)).toEqual([
      { day: "2026-11-23", amount: "1000.00", source: "plaid", current: true },
    ]);
  });

  it("raises what a card owes with each purchase", async () => {
    const { account } = await createUserWithAccount({ type: "credit", subtype: "credit card", lastSyncAt: NOW });
    await createBalance({ bankAccountId: account.id, amount: "500.00", asOfDate: at("2026-11-23") });
    await postedTransactions(account.id, [
      ["2026-11-21", "-300.00"],
      ["2026-11-22", "120.00"],
    ]);
    await rebuildBalanceHistory({ accountIds: [account.id], now: NOW });
    expect(calculated(await currentSeries(account.id))).toEqual({ "2026-11-21": "380.00", "2026-11-22": "500.00" });
  });

  it("re-anchors the days since the previous report when a new balance disagrees with the chain", async () => {
    const { account } = await createUserWithAccount({ type: "depository", lastSyncAt: NOW });
    await createBalance({ bankAccountId: account.id, amount: "800.00", asOfDate: at("2026-11-18") });
    await postedTransactions(account.id, [
      ["2026-11-17", "20.00"],
      ["2026-11-20", "100.00"],
    ]);
    await rebuildBalanceHistory({ accountIds: [account.id], now: NOW });
    // The last sync (the 23rd) found 800 still: the days since are worked back from it.
    expect(calculated(await currentSeries(account.id))).toEqual({
      "2026-11-17": "800.00",
      "2026-11-19": "900.00",
      "2026-11-20": "800.00",
      "2026-11-21": "800.00",
      "2026-11-22": "800.00",
      "2026-11-23": "800.00",
    });

    // The bank now says 650 on the 23rd: every day since the 18th is worked back from it, the days
    // before the 18th still from the 18th.
    await createBalance({ bankAccountId: account.id, amount: "650.00", asOfDate: at("2026-11-23") });
    await rebuildBalanceHistory({ accountIds: [account.id], now: NOW });
    const points = await currentSeries(account.id);
    expect(calculated(points)).toEqual({
      "2026-11-17": "800.00",
      "2026-11-19": "750.00",
      "2026-11-20": "650.00",
      "2026-11-21": "650.00",
      "2026-11-22": "650.00",
    });
    expect(points.filter((point) => point.source === "plaid").map((point) => [point.day, point.amount])).toEqual([
      ["2026-11-18", "800.00"],
      ["2026-11-23", "650.00"],
    ]);
  });

  it("carries a balance held since its report to the last sync, and rebuilding again changes nothing", async () => {
    const { account } = await createUserWithAccount({ type: "depository", lastSyncAt: at("2026-11-22", "06:00:00") });
    await createBalance({ bankAccountId: account.id, amount: "90.00", asOfDate: at("2026-11-20") });
    await postedTransactions(account.id, [["2026-11-21", "15.00"]]);
    await rebuildBalanceHistory({ accountIds: [account.id], now: NOW });
    const first = await currentSeries(account.id);
    expect(calculated(first)).toEqual({ "2026-11-21": "90.00", "2026-11-22": "90.00" });

    await rebuildBalanceHistory({ accountIds: [account.id], now: NOW });
    expect(await currentSeries(account.id)).toEqual(first);
    // previous_amount chains every row to the one before it, so each change is the day's.
    const rows = await db.accountBalance.findMany({
      where: { bankAccountId: account.id, balanceType: "current" },
      orderBy: { asOfDate: "asc" },
    });
    expect(rows.map((row) => [row.previousAmount?.toFixed(2) ?? null, row.changeAmount?.toFixed(2) ?? null])).toEqual([
      [null, null],
      ["90.00", "0.00"],
      ["90.00", "0.00"],
    ]);
  });

  it("leaves investment accounts and accounts without a balance alone", async () => {
    const { account: investment } = await createUserWithAccount({ type: "investment", subtype: "brokerage" });
    await createBalance({ bankAccountId: investment.id, amount: "5000.00", asOfDate: at("2026-11-23") });
    await postedTransactions(investment.id, [["2026-11-01", "100.00"]]);
    const { account: unknown } = await createUserWithAccount({ type: "depository" });
    await postedTransactions(unknown.id, [["2026-11-01", "100.00"]]);

    expect(await rebuildBalanceHistory({ accountIds: [investment.id, unknown.id], now: NOW })).toEqual({
      accounts: 0,
      points: 0,
    });
    expect(
      await db.accountBalance.count({
        where: { source: "calculated", bankAccountId: { in: [investment.id, unknown.id] } },
      }),
    ).toBe(0);
  });

  it("shows calculated days in the history, a reported balance winning on its day", async () => {
    const { user, account } = await createUserWithAccount({ type: "depository", lastSyncAt: NOW });
    await createBalance({ bankAccountId: account.id, amount: "300.00", asOfDate: at("2026-11-23") });
    await postedTransactions(account.id, [["2026-11-22", "40.00"]]);
    await rebuildBalanceHistory({ accountIds: [account.id], now: NOW });
    // A report later on a calculated day (an earlier snapshot arriving late) takes the day.
    await createBalance({ bankAccountId: account.id, amount: "341.00", asOfDate: at("2026-11-22", "08:00:00") });

    const history = await getBalanceHistory({ userId: user.id, accountId: account.id, range: "1m", now: NOW });
    expect(history?.reconstructed).toBe(true);
    expect(history?.points.map((point) => [point.date, point.current?.toFixed(2), point.calculated])).toEqual([
      ["2026-11-22", "341.00", false],
      ["2026-11-23", "300.00", false],
    ]);
    await rebuildBalanceHistory({ accountIds: [account.id], now: NOW });
    const rebuilt = await getBalanceHistory({ userId: user.id, accountId: account.id, range: "1m", now: NOW });
    expect(rebuilt?.points.map((point) => [point.date, point.calculated])).toEqual([
      ["2026-11-22", false],
      ["2026-11-23", false],
    ]);
  });

  it("works a manual account forward from its last stated balance to today, which becomes current", async () => {
    const user = await createUser();
    const id = randomUUID();
    await db.bankAccount.create({
      data: {
        id,
        userId: user.id,
        plaidConnectionId: null,
        accountId: `manual-${id}`,
        name: "Cash",
        type: "depository",
      },
    });
    await createBalance({
      bankAccountId: id,
      amount: "100.00",
      source: "manual",
      asOfDate: at("2026-11-20", "00:00:00"),
    });
    await rebuildBalanceHistory({ accountIds: [id], now: NOW });
    // No transactions since: the stated balance stays current, the days since are flat.
    let points = await currentSeries(id);
    expect(points.filter((point) => point.current)).toEqual([
      { day: "2026-11-20", amount: "100.00", source: "manual", current: true },
    ]);
    expect(calculated(points)).toEqual({ "2026-11-21": "100.00", "2026-11-22": "100.00", "2026-11-23": "100.00" });

    await postedTransactions(id, [
      ["2026-11-21", "30.00"],
      ["2026-11-22", "-50.00"],
    ]);
    await rebuildBalanceHistory({ accountIds: [id], now: NOW });
    points = await currentSeries(id);
    expect(calculated(points)).toEqual({ "2026-11-21": "70.00", "2026-11-22": "120.00", "2026-11-23": "120.00" });
    expect(points.filter((point) => point.current)).toEqual([
      { day: "2026-11-23", amount: "120.00", source: "calculated", current: true },
    ]);
    expect((await db.bankAccount.findUniqueOrThrow({ where: { id } })).currentBalance?.toFixed(2)).toBe("120.00");

    // A balance stated on the 22nd: the days before it are worked back from it, the days after forward.
    await createBalance({
      bankAccountId: id,
      amount: "90.00",
      source: "manual",
      asOfDate: at("2026-11-22", "18:00:00"),
    });
    await rebuildBalanceHistory({ accountIds: [id], now: NOW });
    points = await currentSeries(id);
    expect(calculated(points)).toEqual({ "2026-11-21": "40.00", "2026-11-23": "90.00" });
    expect(points.filter((point) => point.current)).toEqual([
      { day: "2026-11-22", amount: "90.00", source: "manual", current: true },
    ]);
    expect((await db.bankAccount.findUniqueOrThrow({ where: { id } })).currentBalance?.toFixed(2)).toBe("90.00");
  });

  it("keeps one calculated point per account and day", async () => {
    const { account } = await createUserWithAccount();
    await expect(
      db.accountBalance.createMany({
        data: [
          {
            bankAccountId: account.id,
            balanceType: "current",
            amount: "1.00",
            source: "calculated",
            isCurrent: false,
            asOfDate: at("2026-11-01", "10:00:00"),
          },
          {
            bankAccountId: account.id,
            balanceType: "current",
            amount: "2.00",
            source: "calculated",
            isCurrent: false,
            asOfDate: at("2026-11-01", "23:00:00"),
          },
        ],
      }),
    ).rejects.toThrow();
  });
});
