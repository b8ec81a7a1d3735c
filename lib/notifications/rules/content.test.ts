import { describe, expect, it } from "vitest";
import { Prisma } from "@/lib/db";
import {
  type AccountLabel,
  balanceThresholdContent,
  lowBalanceContent,
  reconnectContent,
  transactionContent,
  unusualContent,
} from "./content";
import { accountDisplayName } from "./format";
import type { AlertTransaction } from "./transactions";

const d = (value: string) => new Prisma.Decimal(value);
const checking: AccountLabel = { id: "acc-1", name: "Plaid Checking", mask: "0000", currency: "USD" };

function txn(overrides: Partial<AlertTransaction> = {}): AlertTransaction {
  return {
    id: "row-1",
    transactionId: "plaid-txn-1",
    amount: d("2500.00"),
    date: new Date("2026-11-23T00:00:00Z"),
    name: "APPLE STORE #R102",
    merchantName: "Apple Store",
    categoryPrimary: "GENERAL_MERCHANDISE",
    pending: false,
    isoCurrencyCode: "USD",
    ...overrides,
  };
}

describe("accountDisplayName", () => {
  it("uses the alias, else the name, with the last digits when known", () => {
    expect(accountDisplayName({ name: "Plaid Checking", mask: "0000" })).toBe("Plaid Checking ••0000");
    expect(accountDisplayName({ name: "Plaid Checking", alias: "Bills", mask: "0000" })).toBe("Bills ••0000");
    expect(accountDisplayName({ name: "Plaid Checking", alias: " ", mask: null })).toBe("Plaid Checking");
  });
});

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

describe("reconnectContent", () => {
  it("asks to reconnect the institution and says why", () => {
    const content = reconnectContent({ institutionName: "First Platypus Bank", connectionId: "conn-1" });
    expect(content.kind).toBe("reconnect_required");
    expect(content.title).toBe("Reconnect First Platypus Bank");
    expect(content.body).toMatch(
      /^The bank needs you to sign in again before Mingus can sync your First Platypus Bank/,
    );
    expect(content.reason).toContain("password change");
    expect(content.data).toMatchObject({ connection_id: "conn-1", institution_name: "First Platypus Bank" });
    expect(reconnectContent({ institutionName: "X" }).data.connection_id).toBeNull();
  });
});
