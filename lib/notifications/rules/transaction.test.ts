import { describe, expect, it } from "vitest";
import { checking, d, txn } from "./test-support";
import { selectTransactionAlerts, transactionContent, transactionRule } from "./transaction";

describe("transactionContent", () => {
  it("calls a transaction chosen by the threshold large, with date, account and the threshold", () => {
    const content = transactionContent({ account: checking, transaction: txn(), threshold: d("1000") });
    expect(content.title).toBe("Large transaction: $2,500.00 at Apple Store");
    expect(content.body).toBe("Plaid Checking ••0000 was charged $2,500.00 at Apple Store on Nov 23, 2026.");
    expect(content.reason).toBe("At $2,500.00 it reaches your large-transaction alert of $1,000.00.");
    expect(content.data).toEqual({
      account_id: "acc-1",
      account_name: "Plaid Checking ••0000",
      currency: "USD",
      transaction_id: "row-1",
      plaid_transaction_id: "plaid-txn-1",
      amount: "2500.00",
      date: "2026-11-23",
      merchant: "Apple Store",
      threshold: "1000.00",
      summary: "Large transaction on Plaid Checking ••0000: $2,500.00 at Apple Store",
    });
  });

  it("reads money in as a deposit and every transaction as new without a threshold", () => {
    const deposit = txn({ amount: d("-1800"), merchantName: null, name: "ACME PAYROLL" });
    const content = transactionContent({ account: checking, transaction: deposit, threshold: null });
    expect(content.title).toBe("New deposit: $1,800.00 from ACME PAYROLL");
    expect(content.body).toBe("Plaid Checking ••0000 received $1,800.00 from ACME PAYROLL on Nov 23, 2026.");
    expect(content.reason).toBe("You asked to hear about every new transaction on Plaid Checking ••0000.");
    expect(content.data).toMatchObject({ amount: "-1800.00", threshold: null });
    expect(transactionContent({ account: checking, transaction: deposit, threshold: d("1000") }).title).toBe(
      "Large deposit: $1,800.00 from ACME PAYROLL",
    );
  });

  it("shows the calendar day of the DATE column, not the evening before", () => {
    const content = transactionContent({
      account: checking,
      transaction: txn({ date: new Date("2026-03-01T00:00:00Z") }),
      threshold: null,
    });
    expect(content.body).toContain("on Mar 1, 2026.");
  });
});

function row(transactionId: string, amount: string, pending = false) {
  return txn({ id: `row-${transactionId}`, transactionId, amount: d(amount), pending });
}

const ids = (transactions: { transactionId: string }[]) => transactions.map((transaction) => transaction.transactionId);

describe("selectTransactionAlerts", () => {
  const batch = [
    row("small", "4.50"),
    row("pending", "2500.00", true),
    row("large", "2500.00"),
    row("refund", "-12.00"),
  ];

  it("without a threshold alerts on every posted transaction, in order, and never a pending one", () => {
    expect(ids(selectTransactionAlerts({ transactions: batch, threshold: null }))).toEqual([
      "small",
      "large",
      "refund",
    ]);
  });

  it("with a threshold keeps amounts that reach it, either way: a large deposit counts too", () => {
    const transactions = [
      row("below", "999.99"),
      row("at", "1000.00"),
      row("above", "1000.01"),
      row("deposit", "-1500.00"),
      row("small-refund", "-999.99"),
      row("pending-large", "5000.00", true),
    ];
    expect(ids(selectTransactionAlerts({ transactions, threshold: d("1000.00") }))).toEqual(["at", "above", "deposit"]);
  });

  it("treats the posted transaction that replaced a pending one as the one alert", () => {
    // Plaid removes the pending transaction and adds the posted one with its own id.
    const pending = row("pending-1", "42.00", true);
    const posted = { ...row("posted-1", "42.00"), pendingTransactionId: "pending-1" };
    expect(ids(selectTransactionAlerts({ transactions: [pending], threshold: null }))).toEqual([]);
    expect(ids(selectTransactionAlerts({ transactions: [posted], threshold: null }))).toEqual(["posted-1"]);
  });
});

describe("transactionRule.evaluate", () => {
  it("alerts on the chosen transactions under their posted ids", async () => {
    const preferences = { largeTransactionThreshold: d("1000") } as Parameters<
      typeof transactionRule.evaluate
    >[0]["preferences"];
    const alerts = await transactionRule.evaluate({
      label: checking,
      preferences,
      transactions: [row("big", "2500.00"), row("small", "4.50")],
      history: async () => [],
    });
    expect(alerts.map((alert) => [alert.transactionId, alert.dedupeKey])).toEqual([["big", "transaction:big"]]);
    expect(alerts[0]?.content.title).toBe("Large transaction: $2,500.00 at Apple Store");
  });
});
