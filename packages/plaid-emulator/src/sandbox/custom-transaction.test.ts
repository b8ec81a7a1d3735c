import type { AccountBase, Transaction } from "plaid";
import { describe, expect, it } from "vitest";
import { createSandboxAccounts } from "./accounts.ts";
import { buildCustomTransaction, type CustomTransactionInput } from "./custom-transaction.ts";
import { parseDay, toDayNumber } from "./dates.ts";
import { generateRefreshChanges } from "./refresh.ts";
import { expectPlaidShape } from "./test-support.ts";
import { generateTransactionHistory } from "./transactions.ts";

const seed = 11;
const at = new Date("2026-11-24T10:00:00Z");
const today = toDayNumber(at);
const accounts = createSandboxAccounts({ seed });
const [checking] = accounts as [AccountBase];

function custom(input: Partial<CustomTransactionInput> & { description: string; transactionId?: string }): Transaction {
  return buildCustomTransaction({
    transactionId: "c".repeat(37),
    account: checking,
    amount: 25,
    day: today,
    authorizedDay: today,
    pending: false,
    ...input,
  });
}

describe("buildCustomTransaction", () => {
  it("has exactly the keys of the sandbox's own transactions", () => {
    const generated = generateTransactionHistory({ seed, accounts, anchor: at })[0] as Transaction;
    const made = custom({ description: "ACME HARDWARE 42" });
    expect(Object.keys(made).sort()).toEqual(Object.keys(generated).sort());
    expectPlaidShape(made, "Transaction");
  });

  it("leaves a statement text nobody knows unenriched, categorised by direction", () => {
    expect(custom({ description: "ACME HARDWARE 42" })).toMatchObject({
      name: "ACME HARDWARE 42",
      merchant_name: null,
      merchant_entity_id: null,
      counterparties: [],
      category: ["Shops"],
      personal_finance_category: {
        primary: "GENERAL_MERCHANDISE",
        detailed: "GENERAL_MERCHANDISE_OTHER_GENERAL_MERCHANDISE",
        confidence_level: "LOW",
      },
      transaction_type: "unresolved",
      payment_channel: "other",
    });
    expect(custom({ description: "WIRE IN", amount: -500 })).toMatchObject({
      category: ["Transfer", "Deposit"],
      personal_finance_category: { primary: "TRANSFER_IN", detailed: "TRANSFER_IN_DEPOSIT" },
    });
  });

  it("enriches a statement text or merchant name the catalogue knows, keeping the caller's text", () => {
    expect(custom({ description: "Starbucks" })).toMatchObject({
      merchant_name: "Starbucks",
      website: "starbucks.com",
      personal_finance_category: { detailed: "FOOD_AND_DRINK_COFFEE", confidence_level: "VERY_HIGH" },
    });
    const named = custom({ description: "SQ *STARBUCKS 99", merchantName: "Starbucks" });
    expect(named).toMatchObject({ name: "SQ *STARBUCKS 99", merchant_name: "Starbucks", website: "starbucks.com" });
    // Money in from Venmo is a cash-out, money out a payment.
    const venmo = (amount: number) =>
      custom({ description: "VENMO", merchantName: "Venmo", amount }).personal_finance_category?.primary;
    expect([venmo(-30), venmo(30)]).toEqual(["TRANSFER_IN", "TRANSFER_OUT"]);
  });

  it("makes any other merchant name a merchant of its own, with the category asked for", () => {
    const made = custom({
      description: "ACME OUTFITTERS #7",
      merchantName: "Acme Outfitters",
      category: "GENERAL_MERCHANDISE_SPORTING_GOODS",
      isoCurrencyCode: "CAD",
    });
    expect(made).toMatchObject({
      merchant_name: "Acme Outfitters",
      merchant_entity_id: expect.stringMatching(/^[A-Za-z0-9]{37}$/),
      counterparties: [{ name: "Acme Outfitters", type: "merchant", confidence_level: "VERY_HIGH" }],
      personal_finance_category: { primary: "GENERAL_MERCHANDISE", detailed: "GENERAL_MERCHANDISE_SPORTING_GOODS" },
      payment_channel: "in store",
      iso_currency_code: "CAD",
    });
    // The same merchant has the same entity id every time, as Plaid's merchants do.
    expect(custom({ description: "ACME 2", merchantName: "Acme Outfitters" }).merchant_entity_id).toBe(
      made.merchant_entity_id,
    );
  });
});

describe("refreshes and custom transactions", () => {
  it("never withdraws a transaction with a merchant of its own, but does withdraw sandbox ones", () => {
    const day = today - 3;
    const own = custom({ description: "ACME OUTFITTERS #7", merchantName: "Acme Outfitters", day, authorizedDay: day });
    const sandboxLike = custom({ description: "Starbucks", transactionId: "s".repeat(37), day, authorizedDay: day });
    const withdrawn = new Set<string>();
    for (let index = 0; index < 80; index++) {
      const changes = generateRefreshChanges({
        seed,
        refreshIndex: index,
        accounts,
        live: [own, sandboxLike],
        anchor: at,
        dynamic: false,
      });
      for (const removed of changes.removed) withdrawn.add(removed.transaction_id);
    }
    expect(withdrawn).toEqual(new Set([sandboxLike.transaction_id]));
    expect(parseDay(own.date)).toBe(day);
  });
});
