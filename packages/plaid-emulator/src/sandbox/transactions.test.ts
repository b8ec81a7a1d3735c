import type { Transaction } from "plaid";
import { describe, expect, it } from "vitest";
import { createSandboxAccounts } from "./accounts.ts";
import { parseDay, toDayNumber } from "./dates.ts";
import { expectPlaidShape } from "./test-support.ts";
import { generateTransactionHistory, HISTORY_DAYS } from "./transactions.ts";

const anchor = new Date("2026-11-24T15:30:00Z");
const anchorDay = toDayNumber(anchor);

function history(seed: number, at = anchor) {
  const accounts = createSandboxAccounts({ seed });
  const transactions = generateTransactionHistory({ seed, accounts, anchor: at });
  const bySubtype = (subtype: string) => {
    const account = accounts.find((candidate) => candidate.subtype === subtype);
    return transactions.filter((transaction) => transaction.account_id === account?.account_id);
  };
  return { accounts, transactions, bySubtype };
}

const named = (transactions: Transaction[], prefix: string) =>
  transactions.filter((transaction) => transaction.name.startsWith(prefix));

describe("generateTransactionHistory", () => {
  const { accounts, transactions, bySubtype } = history(11);

  it("is the same for the same seed and anchor, and different for another seed", () => {
    expect(history(11).transactions).toEqual(transactions);
    const otherIds = new Set(history(12).transactions.map((transaction) => transaction.transaction_id));
    expect(transactions.some((transaction) => otherIds.has(transaction.transaction_id))).toBe(false);
    expect(history(12).transactions.length).not.toBe(transactions.length);
  });

  it("spans about two years ending on the anchor, in date order", () => {
    expect(transactions.length).toBeGreaterThanOrEqual(1500);
    expect(transactions.length).toBeLessThanOrEqual(3000);
    const days = transactions.map((transaction) => parseDay(transaction.date));
    expect(Math.min(...days)).toBeGreaterThan(anchorDay - HISTORY_DAYS);
    expect(Math.min(...days)).toBeLessThan(anchorDay - HISTORY_DAYS + 7);
    expect(Math.max(...days)).toBe(anchorDay);
    expect(days).toEqual([...days].sort((a, b) => a - b));
    for (const transaction of transactions) expect(transaction.date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });

  it("gives every transaction a unique Plaid-looking id on one of the item's accounts", () => {
    const ids = transactions.map((transaction) => transaction.transaction_id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^[A-Za-z0-9]{37}$/);
    const accountIds = new Set(accounts.map((account) => account.account_id));
    for (const transaction of transactions) expect(accountIds.has(transaction.account_id)).toBe(true);
  });

  it("has Plaid's Transaction shape throughout", () => {
    for (const transaction of transactions) {
      expectPlaidShape(transaction, "Transaction");
      expectPlaidShape(transaction.location, "Location");
      expectPlaidShape(transaction.payment_meta, "PaymentMeta");
      expectPlaidShape(transaction.personal_finance_category ?? {}, "PersonalFinanceCategory");
      for (const counterparty of transaction.counterparties ?? [])
        expectPlaidShape(counterparty, "TransactionCounterparty");
      const { primary, detailed } = transaction.personal_finance_category ?? { primary: "", detailed: "" };
      expect(detailed.startsWith(`${primary}_`)).toBe(true);
      expect(transaction.personal_finance_category_icon_url).toBe(
        `https://plaid-category-icons.plaid.com/PFC_${primary}.png`,
      );
      expect(transaction.category?.length).toBeGreaterThan(0);
      expect(transaction.category_id).toMatch(/^\d{8}$/);
      expect(["online", "in store", "other"]).toContain(transaction.payment_channel);
      expect(transaction.iso_currency_code).toBe("USD");
      expect(Math.round(transaction.amount * 100) / 100).toBe(transaction.amount);
      expect(transaction.amount).not.toBe(0);
    }
  });

  it("also sends the optional fields Plaid's sandbox sends", () => {
    const sent = [
      "category",
      "category_id",
      "check_number",
      "merchant_name",
      "merchant_entity_id",
      "logo_url",
      "website",
      "counterparties",
      "personal_finance_category",
      "personal_finance_category_icon_url",
      "transaction_type",
    ];
    for (const transaction of transactions) expect(Object.keys(transaction)).toEqual(expect.arrayContaining(sent));
  });

  it("names real merchants, with a few left unenriched", () => {
    const merchants = new Set(transactions.map((transaction) => transaction.merchant_name));
    for (const name of ["Starbucks", "Uber", "Whole Foods Market", "Netflix", "McDonald's", "Touchstone Climbing"]) {
      expect(merchants).toContain(name);
    }
    const enrichable = transactions.filter((transaction) => transaction.payment_channel !== "other");
    const unenriched = enrichable.filter(
      (transaction) => transaction.merchant_name === null && !transaction.name.startsWith("ATM"),
    );
    expect(unenriched.length).toBeGreaterThan(0);
    expect(unenriched.length).toBeLessThan(enrichable.length * 0.1);
  });

  it("keeps a few pending transactions, only in the last three days and never linked", () => {
    const pending = transactions.filter((transaction) => transaction.pending);
    expect(pending.length).toBeGreaterThan(0);
    expect(pending.length).toBeLessThan(10);
    for (const transaction of pending) {
      expect(parseDay(transaction.date)).toBeGreaterThan(anchorDay - 3);
      expect(transaction.pending_transaction_id).toBeNull();
    }
    for (const transaction of transactions) expect(transaction.pending_transaction_id).toBeNull();
  });

  it("authorizes card purchases on or before the day they post", () => {
    for (const transaction of transactions) {
      expect(transaction.authorized_date).not.toBeNull();
      expect(parseDay(transaction.authorized_date ?? "")).toBeLessThanOrEqual(parseDay(transaction.date));
      expect(parseDay(transaction.date) - parseDay(transaction.authorized_date ?? "")).toBeLessThanOrEqual(3);
    }
  });

  it("follows Plaid's sign convention: money out positive, money in negative", () => {
    const checking = bySubtype("checking");
    const paychecks = named(checking, "ACH Electronic CreditGUSTO");
    expect(paychecks.length).toBeGreaterThanOrEqual(50);
    for (const paycheck of paychecks) expect(paycheck.amount).toBeLessThan(-1000);
    for (const subtype of ["savings", "money market", "cd"]) {
      const interest = named(bySubtype(subtype), "INTRST PYMNT");
      expect(interest.length).toBeGreaterThanOrEqual(23);
      for (const line of interest) expect(line.amount).toBeLessThan(0);
    }
    const purchases = bySubtype("credit card").filter((transaction) => transaction.payment_channel !== "other");
    expect(purchases.length).toBeGreaterThan(500);
    for (const purchase of purchases) expect(purchase.amount).toBeGreaterThan(0);
  });

  it("pays the card from checking: the same amount leaves one and arrives at the other", () => {
    const outgoing = named(bySubtype("checking"), "CREDIT CARD 3333 PAYMENT");
    const incoming = named(bySubtype("credit card"), "AUTOMATIC PAYMENT");
    expect(outgoing.length).toBeGreaterThanOrEqual(22);
    expect(incoming.map(({ date, amount }) => [date, -amount])).toEqual(
      outgoing.map(({ date, amount }) => [date, amount]),
    );
    for (const payment of outgoing) expect(payment.amount).toBeLessThanOrEqual(2000);
  });

  it("pays both loans every month and leaves the investment accounts alone", () => {
    for (const subtype of ["student", "mortgage"]) {
      const payments = named(bySubtype(subtype), "PAYMENT RECEIVED");
      expect(payments.length).toBe(24);
      for (const payment of payments) expect(payment.amount).toBeLessThan(0);
    }
    expect(bySubtype("ira")).toEqual([]);
    expect(bySubtype("401k")).toEqual([]);
  });

  it("depends on the day of the anchor, not the time of day or the machine's zone", () => {
    expect(history(11, new Date("2026-11-24T00:00:01Z")).transactions).toEqual(transactions);
  });
});
