import type { Transaction } from "plaid";
import { describe, expect, it } from "vitest";
import { idsToDelete, toColumnArrays, toTransactionRow, toTransactionRows } from "./transaction-rows";

const ACCOUNT = "11111111-1111-4111-8111-111111111111";

function plaidTransaction(overrides: Partial<Transaction> = {}): Transaction {
  return {
    transaction_id: "txn-1",
    account_id: "acc-1",
    amount: 12.5,
    iso_currency_code: "USD",
    unofficial_currency_code: null,
    date: "2026-11-20",
    authorized_date: "2026-11-19",
    name: "Starbucks 1234",
    merchant_name: "Starbucks",
    pending: false,
    pending_transaction_id: null,
    personal_finance_category: {
      primary: "FOOD_AND_DRINK",
      detailed: "FOOD_AND_DRINK_COFFEE",
      confidence_level: "HIGH",
    },
    payment_channel: "in store",
    ...overrides,
  } as Transaction;
}

describe("toTransactionRow", () => {
  it("maps Plaid's fields to the table's columns, keeping Plaid's sign", () => {
    expect(toTransactionRow(plaidTransaction(), ACCOUNT)).toEqual({
      bankAccountId: ACCOUNT,
      transactionId: "txn-1",
      amount: "12.50",
      isoCurrencyCode: "USD",
      date: "2026-11-20",
      authorizedDate: "2026-11-19",
      name: "Starbucks 1234",
      merchantName: "Starbucks",
      pending: false,
      pendingTransactionId: null,
      categoryPrimary: "FOOD_AND_DRINK",
      categoryDetailed: "FOOD_AND_DRINK_COFFEE",
      paymentChannel: "in store",
    });
    // A deposit is negative in Plaid's convention, and stays so.
    expect(toTransactionRow(plaidTransaction({ amount: -2500 }), ACCOUNT)?.amount).toBe("-2500.00");
  });

  it("rounds to cents half away from zero, as numeric(15,2) does", () => {
    expect(toTransactionRow(plaidTransaction({ amount: 1.005 }), ACCOUNT)?.amount).toBe("1.01");
    expect(toTransactionRow(plaidTransaction({ amount: -0.125 }), ACCOUNT)?.amount).toBe("-0.13");
  });

  it("falls back for missing currency, name and category", () => {
    const row = toTransactionRow(
      plaidTransaction({
        iso_currency_code: null,
        unofficial_currency_code: "BTC",
        name: "",
        personal_finance_category: null,
        authorized_date: null,
        payment_channel: undefined as unknown as Transaction["payment_channel"],
      }),
      ACCOUNT,
    );
    expect(row).toMatchObject({
      isoCurrencyCode: "BTC",
      name: "Starbucks",
      categoryPrimary: null,
      categoryDetailed: null,
      authorizedDate: null,
      paymentChannel: null,
    });
    expect(toTransactionRow(plaidTransaction({ iso_currency_code: null }), ACCOUNT)?.isoCurrencyCode).toBe("USD");
  });

  it("refuses what the table cannot hold", () => {
    expect(toTransactionRow(plaidTransaction({ date: "20/11/2026" }), ACCOUNT)).toBeNull();
    expect(toTransactionRow(plaidTransaction({ amount: Number.NaN }), ACCOUNT)).toBeNull();
    expect(toTransactionRow(plaidTransaction({ amount: 1e14 }), ACCOUNT)).toBeNull();
  });
});

describe("toTransactionRows", () => {
  it("maps known accounts, sets aside unknown ones and invalid rows, and keeps the last of a repeated id", () => {
    const mapped = toTransactionRows({
      transactions: [
        plaidTransaction(),
        plaidTransaction({ transaction_id: "txn-2", account_id: "acc-new" }),
        plaidTransaction({ transaction_id: "txn-3", date: "" }),
        plaidTransaction({ amount: 99 }),
      ],
      accountIds: new Map([["acc-1", ACCOUNT]]),
    });
    expect(mapped.rows).toHaveLength(1);
    expect(mapped.rows[0]?.amount).toBe("99.00");
    expect([...mapped.unknownAccountIds]).toEqual(["acc-new"]);
    expect(mapped.invalid).toBe(1);
  });
});

describe("toColumnArrays", () => {
  it("gives one array per column, row order kept", () => {
    const rows = ["a", "b"].flatMap((id) => toTransactionRow(plaidTransaction({ transaction_id: id }), ACCOUNT) ?? []);
    const columns = toColumnArrays(rows);
    expect(columns.transactionIds).toEqual(["a", "b"]);
    expect(columns.amounts).toEqual(["12.50", "12.50"]);
    expect(Object.values(columns).every((column) => column.length === 2)).toBe(true);
  });
});

describe("idsToDelete", () => {
  it("deletes the removed ids and the pending rows posted transactions replace, once each", () => {
    const posted = toTransactionRow(
      plaidTransaction({ transaction_id: "posted", pending_transaction_id: "pending-1" }),
      ACCOUNT,
    );
    const stillPending = toTransactionRow(
      plaidTransaction({ transaction_id: "p2", pending: true, pending_transaction_id: "ignored" }),
      ACCOUNT,
    );
    const rows = [posted, stillPending].flatMap((row) => row ?? []);
    expect(idsToDelete({ removed: ["gone", "pending-1"], rows }).sort()).toEqual(["gone", "pending-1"]);
    expect(idsToDelete({ removed: [], rows })).toEqual(["pending-1"]);
  });
});
