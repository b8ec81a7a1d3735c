import { describe, expect, it } from "vitest";
import { type AccountBalanceModel, Prisma } from "@/lib/db";
import { calculateChange, serializeBalance } from "./model";

const d = (value: string) => new Prisma.Decimal(value);

function change(amount: string, previous: string | null, { currency = "USD", previousCurrency = "USD" } = {}) {
  const result = calculateChange({
    amount: d(amount),
    currency,
    previous: previous === null ? null : { amount: d(previous), currency: previousCurrency },
  });
  return {
    previousAmount: result.previousAmount?.toFixed(2) ?? null,
    changeAmount: result.changeAmount?.toFixed(2) ?? null,
    changePercentage: result.changePercentage,
  };
}

describe("calculateChange", () => {
  it("computes the change and its percentage of the previous amount", () => {
    expect(change("1600.00", "1500.00")).toEqual({
      previousAmount: "1500.00",
      changeAmount: "100.00",
      changePercentage: 6.666666666666667,
    });
    expect(change("50.00", "100.00")).toEqual({
      previousAmount: "100.00",
      changeAmount: "-50.00",
      changePercentage: -50,
    });
  });

  it("measures the percentage against the previous amount's magnitude, so a rise is positive from a debt", () => {
    expect(change("-50.00", "-100.00").changePercentage).toBe(50);
    expect(change("-150.00", "-100.00").changePercentage).toBe(-50);
    expect(change("25.00", "-100.00")).toMatchObject({ changeAmount: "125.00", changePercentage: 125 });
    expect(change("-25.00", "100.00")).toMatchObject({ changeAmount: "-125.00", changePercentage: -125 });
  });

  it("reports no change as zero percent", () => {
    expect(change("10.00", "10.00")).toEqual({ previousAmount: "10.00", changeAmount: "0.00", changePercentage: 0 });
    expect(Object.is(change("-10.00", "-10.00").changePercentage, 0)).toBe(true);
  });

  it("leaves the percentage undefined (null) from a previous amount of zero", () => {
    expect(change("10.00", "0.00")).toEqual({ previousAmount: "0.00", changeAmount: "10.00", changePercentage: null });
  });

  it("computes nothing without a previous balance or across currencies", () => {
    const none = { previousAmount: null, changeAmount: null, changePercentage: null };
    expect(change("10.00", null)).toEqual(none);
    expect(change("10.00", "5.00", { previousCurrency: "EUR" })).toEqual(none);
  });

  it("rounds the quotient the way PostgreSQL does, not as a float division would", () => {
    // PostgreSQL keeps 20 decimals of 1/3 here; the float 1/3*100 would be 33.33333333333333.
    expect(change("4.00", "3.00").changePercentage).toBe(33.333333333333336);
    expect((1 / 3) * 100).not.toBe(33.333333333333336);
  });
});

describe("serializeBalance", () => {
  const row: AccountBalanceModel = {
    id: "6f1d0c1e-0000-4000-8000-000000000001",
    bankAccountId: "6f1d0c1e-0000-4000-8000-000000000002",
    balanceType: "current",
    amount: d("1600"),
    currency: "USD",
    asOfDate: new Date("2026-03-01T12:00:00.000Z"),
    isCurrent: true,
    source: "plaid",
    previousAmount: d("1500"),
    changeAmount: d("100"),
    changePercentage: 6.666666666666667,
    metadata: {},
    createdAt: new Date("2026-03-01T12:00:01.000Z"),
    updatedAt: new Date("2026-03-01T12:00:02.000Z"),
  };

  it("writes money as two-place strings and dates as ISO strings", () => {
    expect(serializeBalance(row)).toEqual({
      ...row,
      amount: "1600.00",
      previousAmount: "1500.00",
      changeAmount: "100.00",
      asOfDate: "2026-03-01T12:00:00.000Z",
      createdAt: "2026-03-01T12:00:01.000Z",
      updatedAt: "2026-03-01T12:00:02.000Z",
    });
  });

  it("keeps unknown history as null", () => {
    const json = serializeBalance({ ...row, previousAmount: null, changeAmount: null, changePercentage: null });
    expect(json).toMatchObject({ previousAmount: null, changeAmount: null, changePercentage: null });
  });
});
