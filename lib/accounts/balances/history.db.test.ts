import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { createBalance, createUser, createUserWithAccount } from "@/lib/test/factories";
import { getBalanceHistory, parseHistoryRange, rangeStart } from "./history";

const DAY_MS = 86_400_000;
const NOW = new Date("2026-11-23T15:30:00Z");
const daysAgo = (days: number, hour = 12) => new Date(Date.UTC(2026, 10, 23 - days, hour, 0, 0));

/** Daily current and available snapshots for `days` days ending today, oldest first (as a sync writes them). */
async function seedDailyBalances(bankAccountId: string, days: number) {
  const agos = Array.from({ length: days }, (_, index) => days - 1 - index);
  await db.accountBalance.createMany({
    data: agos.flatMap((ago) => [
      { bankAccountId, balanceType: "current", amount: `${1000 + ago}.00`, asOfDate: daysAgo(ago) },
      { bankAccountId, balanceType: "available", amount: `${900 + ago}.50`, asOfDate: daysAgo(ago) },
    ]),
  });
}

describe("getBalanceHistory", () => {
  it("gives one point per day with both series for each range, oldest first", async () => {
    const { user, account } = await createUserWithAccount();
    await seedDailyBalances(account.id, 400);

    const counts: Record<string, number> = {};
    for (const range of ["1m", "3m", "1y", "all"] as const) {
      const history = await getBalanceHistory({ userId: user.id, accountId: account.id, range, now: NOW });
      const points = history?.points ?? [];
      counts[range] = points.length;
      expect(new Set(points.map((point) => point.date)).size).toBe(points.length);
      expect(points.at(-1)).toMatchObject({ date: "2026-11-23" });
      expect(points.at(-1)?.current?.toFixed(2)).toBe("1000.00");
      expect(points.at(-1)?.available?.toFixed(2)).toBe("900.50");
      expect(points.map((point) => point.date)).toEqual(points.map((point) => point.date).toSorted());
    }
    expect(counts).toEqual({ "1m": 30, "3m": 90, "1y": 365, all: 400 });
    const month = await getBalanceHistory({ userId: user.id, accountId: account.id, range: "1m", now: NOW });
    expect(month?.points[0]?.date).toBe("2026-10-25");
    expect(month?.points[0]?.current?.toFixed(2)).toBe("1029.00");
  });

  it("keeps the day's last snapshot, leaves out other balance types and marks a missing series null", async () => {
    const { user, account } = await createUserWithAccount();
    await createBalance({
      bankAccountId: account.id,
      balanceType: "current",
      amount: "10.00",
      asOfDate: daysAgo(1, 8),
    });
    await createBalance({
      bankAccountId: account.id,
      balanceType: "current",
      amount: "25.00",
      asOfDate: daysAgo(1, 20),
    });
    await createBalance({
      bankAccountId: account.id,
      balanceType: "credit_limit",
      amount: "5000.00",
      asOfDate: daysAgo(1),
    });
    await createBalance({ bankAccountId: account.id, balanceType: "available", amount: "7.00", asOfDate: daysAgo(0) });

    const history = await getBalanceHistory({ userId: user.id, accountId: account.id, range: "1m", now: NOW });
    expect(
      history?.points.map((p) => [p.date, p.current?.toFixed(2) ?? null, p.available?.toFixed(2) ?? null]),
    ).toEqual([
      ["2026-11-22", "25.00", null],
      ["2026-11-23", null, "7.00"],
    ]);
    expect(history?.currency).toBe("USD");
  });

  it("is null for another user's account and empty for an account without history", async () => {
    const { user, account } = await createUserWithAccount();
    await seedDailyBalances(account.id, 3);
    const stranger = await createUser();
    expect(await getBalanceHistory({ userId: stranger.id, accountId: account.id, range: "all" })).toBeNull();
    const other = await createUserWithAccount();
    expect(await getBalanceHistory({ userId: other.user.id, accountId: other.account.id, range: "all" })).toEqual({
      range: "all",
      currency: "USD",
      reconstructed: true,
      points: [],
    });
    expect((await getBalanceHistory({ userId: user.id, accountId: account.id, range: "all" }))?.points).toHaveLength(3);
  });
});

describe("parseHistoryRange and rangeStart", () => {
  it("accepts the four ranges and turns anything else into the default", () => {
    expect(["1m", "3m", "1y", "all"].map(parseHistoryRange)).toEqual(["1m", "3m", "1y", "all"]);
    // Links from before the ranges were renamed.
    expect(["30d", "90d"].map(parseHistoryRange)).toEqual(["1m", "3m"]);
    expect([undefined, "7d", ["1m"], "ALL"].map(parseHistoryRange)).toEqual(["3m", "3m", "3m", "3m"]);
  });

  it("starts a range at midnight UTC of its first day, today included", () => {
    expect(rangeStart("1m", NOW)?.toISOString()).toBe("2026-10-25T00:00:00.000Z");
    expect(rangeStart("1y", NOW)?.getTime()).toBe(Date.UTC(2026, 10, 23) - 364 * DAY_MS);
    expect(rangeStart("all", NOW)).toBeNull();
  });
});
