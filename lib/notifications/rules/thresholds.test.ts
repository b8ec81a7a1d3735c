import { describe, expect, it } from "vitest";
import { Prisma } from "@/lib/db";
import { evaluateBalanceThreshold, evaluateLowBalance, type ThresholdState } from "./thresholds";

const d = (value: string) => new Prisma.Decimal(value);
const state = (side: "above" | "below", threshold: string): ThresholdState => ({
  state: side,
  threshold: d(threshold),
});

/** Feeds balances through a rule sync after sync, carrying the state, and collects what each sync said. */
function replay<T>(
  rule: (input: {
    previous: ThresholdState | null;
    balance: Prisma.Decimal | null;
    threshold: Prisma.Decimal | null;
  }) => {
    next: ThresholdState | null;
  } & T,
  threshold: string,
  balances: (string | null)[],
): T[] {
  let previous: ThresholdState | null = null;
  return balances.map((balance) => {
    const { next, ...rest } = rule({
      previous,
      balance: balance === null ? null : d(balance),
      threshold: d(threshold),
    });
    previous = next;
    return rest as unknown as T;
  });
}

describe("evaluateBalanceThreshold", () => {
  it.each([
    ["falls below", "above", "99.99", "down"],
    ["rises above", "below", "100.01", "up"],
    ["reaches the threshold exactly from below", "below", "100.00", "up"],
    ["stays above", "above", "500.00", null],
    ["stays exactly at the threshold", "above", "100.00", null],
    ["stays below", "below", "-20.00", null],
  ] as const)("%s", (_case, side, balance, crossed) => {
    const result = evaluateBalanceThreshold({
      previous: state(side, "100.00"),
      balance: d(balance),
      threshold: d("100.00"),
    });
    expect(result.crossed).toBe(crossed);
    expect(result.next?.state).toBe(d(balance).gte(d("100.00")) ? "above" : "below");
    expect(result.next?.threshold.toFixed(2)).toBe("100.00");
  });

  it("only records the side on the first sync: no crossing is known yet", () => {
    const result = evaluateBalanceThreshold({ previous: null, balance: d("20.00"), threshold: d("100.00") });
    expect(result).toEqual({ next: { state: "below", threshold: d("100.00") }, crossed: null });
  });

  it("treats a changed threshold as a fresh start rather than a crossing", () => {
    // Above the old 100, below the new 300: the person moved the line, the balance did not cross it.
    const result = evaluateBalanceThreshold({
      previous: state("above", "100.00"),
      balance: d("150.00"),
      threshold: d("300.00"),
    });
    expect(result.crossed).toBeNull();
    expect(result.next).toEqual({ state: "below", threshold: d("300.00") });
  });

  it("compares thresholds by value, not by representation", () => {
    const result = evaluateBalanceThreshold({
      previous: state("above", "100"),
      balance: d("50"),
      threshold: d("100.00"),
    });
    expect(result.crossed).toBe("down");
  });

  it("forgets the state without a balance or a threshold", () => {
    expect(evaluateBalanceThreshold({ previous: state("above", "100"), balance: null, threshold: d("100") })).toEqual({
      next: null,
      crossed: null,
    });
    expect(evaluateBalanceThreshold({ previous: state("above", "100"), balance: d("5"), threshold: null })).toEqual({
      next: null,
      crossed: null,
    });
  });

  it("fires on every real crossing of an oscillating balance, and never twice for one", () => {
    const results = replay<{ crossed: string | null }>(evaluateBalanceThreshold, "100.00", [
      "150.00",
      "90.00",
      "80.00",
      "100.00",
      "120.00",
      "99.99",
      "99.99",
      "100.00",
    ]);
    expect(results.map((r) => r.crossed)).toEqual([null, "down", null, "up", null, "down", null, "up"]);
  });

  it("works around a zero threshold with negative balances", () => {
    const results = replay<{ crossed: string | null }>(evaluateBalanceThreshold, "0.00", ["5.00", "-0.01", "0.00"]);
    expect(results.map((r) => r.crossed)).toEqual([null, "down", "up"]);
  });
});

describe("evaluateLowBalance", () => {
  it.each([
    ["drops below", "above", "49.99", true],
    ["drops into overdraft", "above", "-5.00", true],
    ["lands exactly on the threshold", "above", "50.00", false],
    ["stays below (already alerted)", "below", "10.00", false],
    ["recovers", "below", "60.00", false],
    ["recovers to exactly the threshold", "below", "50.00", false],
  ] as const)("%s", (_case, side, balance, fell) => {
    const result = evaluateLowBalance({ previous: state(side, "50.00"), balance: d(balance), threshold: d("50.00") });
    expect(result.fell).toBe(fell);
    expect(result.next?.state).toBe(d(balance).lt(d("50.00")) ? "below" : "above");
  });

  it("alerts on a first balance already below, and not on one above", () => {
    expect(evaluateLowBalance({ previous: null, balance: d("10.00"), threshold: d("50.00") }).fell).toBe(true);
    expect(evaluateLowBalance({ previous: null, balance: d("50.00"), threshold: d("50.00") }).fell).toBe(false);
  });

  it("treats a changed threshold like a first balance", () => {
    // Already alerted below 50; raised to 100 while at 30: still low against the new line, so it alerts.
    expect(
      evaluateLowBalance({ previous: state("below", "50.00"), balance: d("30.00"), threshold: d("100.00") }),
    ).toEqual({
      next: { state: "below", threshold: d("100.00") },
      fell: true,
    });
    expect(
      evaluateLowBalance({ previous: state("below", "50.00"), balance: d("30.00"), threshold: d("20.00") }).fell,
    ).toBe(false);
  });

  it("forgets the state without a balance or a threshold", () => {
    expect(evaluateLowBalance({ previous: state("below", "50"), balance: null, threshold: d("50") })).toEqual({
      next: null,
      fell: false,
    });
    expect(evaluateLowBalance({ previous: state("below", "50"), balance: d("1"), threshold: null })).toEqual({
      next: null,
      fell: false,
    });
  });

  it("fires once per fall and again only after a recovery", () => {
    const results = replay<{ fell: boolean }>(evaluateLowBalance, "100.00", [
      "42.10",
      "30.00",
      "99.99",
      "100.00",
      "150.00",
      "80.00",
      "70.00",
    ]);
    expect(results.map((r) => r.fell)).toEqual([true, false, false, false, false, true, false]);
  });
});
