import { describe, expect, it } from "vitest";
import { checking, d, txn } from "./test-support";
import { unusualActivityRule, unusualContent } from "./unusual-activity";

describe("unusualContent", () => {
  it("puts the finding's reason in the reason and says what happened in the body", () => {
    const reason =
      "First charge from Apple Store in 90 days, and at $2,500.00 it is 10× your typical charge of $25.00.";
    const content = unusualContent({
      account: checking,
      transaction: txn(),
      finding: { rule: "new_merchant", reason },
    });
    expect(content).toMatchObject({
      kind: "unusual_activity",
      title: "Unusual activity on Plaid Checking ••0000",
      body: "Plaid Checking ••0000 was charged $2,500.00 at Apple Store on Nov 23, 2026.",
      reason,
    });
    expect(content.data).toMatchObject({
      rule: "new_merchant",
      plaid_transaction_id: "plaid-txn-1",
      amount: "2500.00",
    });
  });
});

describe("unusualActivityRule.evaluate", () => {
  const coffee = (id: string, amount: string, date: string) =>
    txn({ id, transactionId: id, amount: d(amount), date: new Date(`${date}T00:00:00Z`), merchantName: "Blue Bottle" });

  it("flags a charge far above the merchant's usual amount, with the reason, and reads history only once", async () => {
    let reads = 0;
    const history = async () => {
      reads++;
      return [
        coffee("h1", "5.00", "2026-11-01"),
        coffee("h2", "6.00", "2026-11-08"),
        coffee("h3", "5.50", "2026-11-15"),
      ];
    };
    const alerts = await unusualActivityRule.evaluate({
      label: checking,
      preferences: {} as Parameters<typeof unusualActivityRule.evaluate>[0]["preferences"],
      transactions: [coffee("new-1", "180.00", "2026-11-23"), coffee("new-2", "5.25", "2026-11-23")],
      history,
    });
    expect(reads).toBe(1);
    expect(alerts.map((alert) => alert.transactionId)).toEqual(["new-1"]);
    expect(alerts[0]?.dedupeKey).toBe("unusual:new-1");
    expect(alerts[0]?.content.reason).toContain("Blue Bottle");
  });
});
