import { describe, expect, it } from "vitest";
import { Prisma } from "@/lib/db";
import { type AlertTransaction, merchantKey, merchantLabel, selectTransactionAlerts } from "./transactions";

function txn(transactionId: string, amount: string, pending = false): AlertTransaction {
  return {
    id: `row-${transactionId}`,
    transactionId,
    amount: new Prisma.Decimal(amount),
    date: new Date("2026-11-23T00:00:00Z"),
    name: "APPLE STORE #R102",
    merchantName: "Apple Store",
    categoryPrimary: "GENERAL_MERCHANDISE",
    pending,
    isoCurrencyCode: "USD",
  };
}

const ids = (transactions: AlertTransaction[]) => transactions.map((transaction) => transaction.transactionId);

describe("selectTransactionAlerts", () => {
  const batch = [
    txn("small", "4.50"),
    txn("pending", "2500.00", true),
    txn("large", "2500.00"),
    txn("refund", "-12.00"),
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
      txn("below", "999.99"),
      txn("at", "1000.00"),
      txn("above", "1000.01"),
      txn("deposit", "-1500.00"),
      txn("small-refund", "-999.99"),
      txn("pending-large", "5000.00", true),
    ];
    expect(ids(selectTransactionAlerts({ transactions, threshold: new Prisma.Decimal("1000.00") }))).toEqual([
      "at",
      "above",
      "deposit",
    ]);
  });

  it("treats the posted transaction that replaced a pending one as the one alert", () => {
    // Plaid removes the pending transaction and adds the posted one with its own id.
    const pending = txn("pending-1", "42.00", true);
    const posted = { ...txn("posted-1", "42.00"), pendingTransactionId: "pending-1" };
    expect(ids(selectTransactionAlerts({ transactions: [pending], threshold: null }))).toEqual([]);
    expect(ids(selectTransactionAlerts({ transactions: [posted], threshold: null }))).toEqual(["posted-1"]);
  });
});

describe("merchant names", () => {
  it("prefers Plaid's merchant name and falls back to the raw description", () => {
    expect(merchantLabel({ merchantName: "Apple Store", name: "APPLE STORE #R102" })).toBe("Apple Store");
    expect(merchantLabel({ merchantName: null, name: " APPLE STORE #R102 " })).toBe("APPLE STORE #R102");
    expect(merchantLabel({ merchantName: "  ", name: "APPLE STORE #R102" })).toBe("APPLE STORE #R102");
  });

  it("keys one merchant's varying descriptions alike and different merchants apart", () => {
    const key = (name: string) => merchantKey({ merchantName: null, name });
    expect(key("UBER *TRIP 8832 SF 11/23")).toBe(key("Uber *Trip 1204 SF 11/24"));
    expect(key("UBER *TRIP 8832")).not.toBe(key("LYFT *RIDE 8832"));
    expect(merchantKey({ merchantName: "Blue Bottle", name: "BLUE BOTTLE COFFEE 0042" })).toBe("blue bottle");
    expect(key("0042-7781")).toBe("0042-7781");
    expect(key("Café Crème 12")).toBe("café crème");
  });
});
