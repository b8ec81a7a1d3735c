import { type AccountBase, AccountSubtype, AccountType } from "plaid";
import { describe, expect, it } from "vitest";
import { toAppAccountType, toLinkedAccountRows } from "./from-plaid";

function plaidAccount(overrides: Partial<AccountBase> & Pick<AccountBase, "type">): AccountBase {
  return {
    account_id: `acc-${Math.random().toString(36).slice(2)}`,
    name: "Plaid Checking",
    official_name: "Plaid Gold Standard 0% Interest Checking",
    mask: "0000",
    subtype: AccountSubtype.Checking,
    balances: { available: 100, current: 110, limit: null, iso_currency_code: "USD", unofficial_currency_code: null },
    ...overrides,
  };
}

let ids = 0;
const rowsFor = (accounts: AccountBase[]) =>
  toLinkedAccountRows({
    accounts,
    userId: "user-1",
    connectionId: "conn-1",
    asOf: new Date("2026-11-24T10:00:00Z"),
    newId: () => `id-${++ids}`,
  });

describe("toLinkedAccountRows", () => {
  it("maps a checking account with exact decimal balances and its first current and available rows", () => {
    const { accounts, balances } = rowsFor([
      plaidAccount({
        type: AccountType.Depository,
        balances: {
          available: 0.1,
          current: 1234.565,
          limit: null,
          iso_currency_code: "USD",
          unofficial_currency_code: null,
        },
      }),
    ]);
    const [account] = accounts;
    expect(account).toMatchObject({
      userId: "user-1",
      plaidConnectionId: "conn-1",
      name: "Plaid Checking",
      mask: "0000",
      type: "depository",
      subtype: "checking",
      accountType: "checking",
      status: "active",
      verificationStatus: "verified",
      accountNumber: "••••0000",
      isoCurrencyCode: "USD",
      creditLimit: null,
    });
    expect(String(account?.currentBalance)).toBe("1234.57");
    expect(String(account?.availableBalance)).toBe("0.1");
    expect(balances.map((row) => [row.bankAccountId, row.balanceType, String(row.amount)])).toEqual([
      [account?.id, "current", "1234.57"],
      [account?.id, "available", "0.1"],
    ]);
  });

  it("keeps a card's limit as credit_limit but not a checking account's overdraft limit", () => {
    const card = plaidAccount({
      type: AccountType.Credit,
      subtype: AccountSubtype.CreditCard,
      balances: {
        available: null,
        current: 410,
        limit: 2000,
        iso_currency_code: "USD",
        unofficial_currency_code: null,
      },
    });
    const checking = plaidAccount({
      type: AccountType.Depository,
      balances: { available: 50, current: 50, limit: 500, iso_currency_code: "USD", unofficial_currency_code: null },
    });
    const { accounts, balances } = rowsFor([card, checking]);
    expect(String(accounts[0]?.creditLimit)).toBe("2000");
    expect(accounts[0]?.accountType).toBe("credit_card");
    expect(accounts[1]?.creditLimit).toBeNull();
    expect(balances.filter((row) => row.balanceType === "credit_limit")).toHaveLength(1);
    // A null available balance gets no row.
    expect(balances.filter((row) => row.bankAccountId === accounts[0]?.id).map((row) => row.balanceType)).toEqual([
      "current",
      "credit_limit",
    ]);
  });

  it("maps Plaid's legacy brokerage type to investment and unknown types to other", () => {
    const { accounts } = rowsFor([
      plaidAccount({ type: AccountType.Brokerage, subtype: AccountSubtype.Brokerage }),
      plaidAccount({ type: "crypto" as AccountType, subtype: null }),
    ]);
    expect(accounts.map((row) => [row.type, row.accountType])).toEqual([
      ["investment", "brokerage"],
      ["other", "other"],
    ]);
  });

  it("falls back to USD for an unofficial currency and keeps the code in metadata", () => {
    const { accounts } = rowsFor([
      plaidAccount({
        type: AccountType.Other,
        subtype: null,
        balances: {
          available: null,
          current: 1,
          limit: null,
          iso_currency_code: null,
          unofficial_currency_code: "BTC",
        },
      }),
    ]);
    expect(accounts[0]?.isoCurrencyCode).toBe("USD");
    expect(accounts[0]?.metadata).toMatchObject({ unofficial_currency_code: "BTC" });
  });

  it("leaves account_number empty when the mask is not a short mask", () => {
    const { accounts } = rowsFor([plaidAccount({ type: AccountType.Depository, mask: "123456" })]);
    expect(accounts[0]?.accountNumber).toBeNull();
  });

  it("maps Auth verification states onto pending, verified and failed", () => {
    const { accounts } = rowsFor([
      plaidAccount({ type: AccountType.Depository, verification_status: "pending_manual_verification" as never }),
      plaidAccount({ type: AccountType.Depository, verification_status: "verification_failed" as never }),
      plaidAccount({ type: AccountType.Depository, verification_status: "automatically_verified" as never }),
    ]);
    expect(accounts.map((row) => row.verificationStatus)).toEqual(["pending", "failed", "verified"]);
  });
});

describe("toAppAccountType", () => {
  it.each([
    ["depository", "savings", "savings"],
    ["depository", "money market", "savings"],
    ["depository", "cd", "savings"],
    ["depository", "prepaid", "other"],
    ["investment", "ira", "retirement"],
    ["investment", "401k", "retirement"],
    ["investment", "brokerage", "brokerage"],
    ["loan", "mortgage", "loan"],
    ["other", null, "other"],
  ] as const)("%s/%s is %s", (type, subtype, expected) => {
    expect(toAppAccountType({ type, subtype })).toBe(expected);
  });
});
