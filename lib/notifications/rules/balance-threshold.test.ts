import { describe, expect, it } from "vitest";
import { balanceThresholdContent, balanceThresholdRule } from "./balance-threshold";
import { checking, d } from "./test-support";

describe("balanceThresholdContent", () => {
  it("says the balance fell below the threshold", () => {
    const content = balanceThresholdContent({
      account: checking,
      balance: d("950.5"),
      threshold: d("1000"),
      direction: "down",
    });
    expect(content).toMatchObject({
      kind: "balance_threshold",
      title: "Balance below $1,000.00: Plaid Checking ••0000",
      body: "Current balance $950.50 fell below your $1,000.00 balance alert.",
    });
    expect(content.reason).toContain("crosses $1,000.00");
    expect(content.data).toEqual({
      account_id: "acc-1",
      account_name: "Plaid Checking ••0000",
      currency: "USD",
      balance: "950.50",
      threshold: "1000.00",
      direction: "down",
      summary: "Balance below $1,000.00 on Plaid Checking ••0000: $950.50",
    });
  });

  it("says the balance rose above, or reached, the threshold", () => {
    const up = (balance: string) =>
      balanceThresholdContent({ account: checking, balance: d(balance), threshold: d("1000"), direction: "up" }).body;
    expect(up("1250")).toBe("Current balance $1,250.00 rose above your $1,000.00 balance alert.");
    expect(up("1000")).toBe("Current balance $1,000.00 reached your $1,000.00 balance alert.");
  });

  it("formats money in the account's currency", () => {
    const euros = { ...checking, currency: "EUR" };
    const content = balanceThresholdContent({
      account: euros,
      balance: d("-20"),
      threshold: d("0"),
      direction: "down",
    });
    expect(content.body).toBe("Current balance -€20.00 fell below your €0.00 balance alert.");
  });
});

describe("balanceThresholdRule.evaluate", () => {
  const now = new Date("2026-12-01T10:00:00Z");
  const account = {
    id: "acc-1",
    type: "depository",
    isActive: true,
    currentBalance: d("950"),
    availableBalance: d("900"),
    isoCurrencyCode: "USD",
  };
  const preferences = { balanceThreshold: d("1000") } as Parameters<
    typeof balanceThresholdRule.evaluate
  >[0]["preferences"];
  const run = (previous: Parameters<typeof balanceThresholdRule.evaluate>[0]["previous"], balance = "950") =>
    balanceThresholdRule.evaluate({
      account: { ...account, currentBalance: d(balance) },
      label: checking,
      preferences,
      previous,
      now,
    });

  it("records the side without alerting when it has seen no side for this threshold", () => {
    const result = run(null);
    expect(result.alert).toBeNull();
    expect(result.next).toEqual({ state: "below", threshold: d("1000") });
    expect(run({ state: "above", threshold: d("500") }).alert).toBeNull();
  });

  it("alerts once when the balance moves to the other side, keyed by the moment", () => {
    const crossed = run({ state: "above", threshold: d("1000") });
    expect(crossed.alert?.content.kind).toBe("balance_threshold");
    expect(crossed.alert?.dedupeKey).toBe(`balance_threshold:acc-1:${now.toISOString()}`);
    expect(run({ state: "below", threshold: d("1000") }).alert).toBeNull();
    expect(run({ state: "below", threshold: d("1000") }, "1000").alert?.content.body).toContain("reached");
  });

  it("forgets its state when there is no balance or no threshold", () => {
    expect(
      balanceThresholdRule.evaluate({
        account,
        label: checking,
        preferences: { ...preferences, balanceThreshold: null },
        previous: { state: "above", threshold: d("1000") },
        now,
      }),
    ).toEqual({ next: null, alert: null });
  });
});
