import { describe, expect, it } from "vitest";
import { lowBalanceContent, lowBalanceOf, lowBalanceRule } from "./low-balance";
import { checking, d } from "./test-support";

describe("lowBalanceContent", () => {
  it("names the balance it watched, the amount and the threshold", () => {
    const content = lowBalanceContent({
      account: checking,
      balance: d("42.1"),
      balanceKind: "available",
      threshold: d("100"),
    });
    expect(content.title).toBe("Low balance: Plaid Checking ••0000");
    expect(content.body).toBe("Available balance $42.10 fell below your $100.00 low-balance alert.");
    expect(content.reason).toContain("until the balance is back at or above $100.00");
    expect(content.data).toMatchObject({ balance: "42.10", balance_kind: "available", threshold: "100.00" });
    expect(content.data.summary).toBe("Low balance on Plaid Checking ••0000: $42.10 < $100.00");
    const current = lowBalanceContent({
      account: checking,
      balance: d("5"),
      balanceKind: "current",
      threshold: d("100"),
    });
    expect(current.body).toMatch(/^Current balance \$5\.00/);
  });
});

describe("lowBalanceRule.evaluate", () => {
  const now = new Date("2026-12-01T10:00:00Z");
  const preferences = { lowBalanceThreshold: d("100") } as Parameters<typeof lowBalanceRule.evaluate>[0]["preferences"];
  const run = (
    account: { type: string; current: string | null; available: string | null },
    previous: Parameters<typeof lowBalanceRule.evaluate>[0]["previous"] = null,
  ) =>
    lowBalanceRule.evaluate({
      account: {
        id: "acc-1",
        type: account.type,
        isActive: true,
        currentBalance: account.current === null ? null : d(account.current),
        availableBalance: account.available === null ? null : d(account.available),
        isoCurrencyCode: "USD",
      },
      label: checking,
      preferences,
      previous,
      now,
    });

  it("fires when the available balance falls below, and not again until it recovered", () => {
    const fell = run({ type: "depository", current: "500", available: "40" }, { state: "above", threshold: d("100") });
    expect(fell.alert?.content.body).toMatch(/^Available balance \$40\.00/);
    expect(fell.next).toEqual({ state: "below", threshold: d("100") });
    expect(run({ type: "depository", current: "30", available: "20" }, fell.next).alert).toBeNull();
  });

  it("fires for a first balance already below, watching the current one when there is no available", () => {
    const first = run({ type: "depository", current: "12", available: null });
    expect(first.alert?.content.body).toMatch(/^Current balance \$12\.00/);
  });

  it("watches a card's available credit and never a loan", () => {
    expect(lowBalanceOf({ type: "credit", currentBalance: d("900"), availableBalance: d("50") })).toEqual(d("50"));
    expect(lowBalanceOf({ type: "loan", currentBalance: d("1"), availableBalance: d("1") })).toBeNull();
    expect(run({ type: "loan", current: "1", available: "1" })).toEqual({ next: null, alert: null });
  });
});
