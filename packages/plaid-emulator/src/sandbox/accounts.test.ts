import { describe, expect, it } from "vitest";
import { createSandboxAccounts } from "./accounts.ts";
import { expectPlaidShape } from "./test-support.ts";

describe("createSandboxAccounts", () => {
  it("creates Plaid's nine sandbox accounts with their types and balances", () => {
    const rows = createSandboxAccounts({ seed: 1 }).map((account) => [
      account.name,
      account.mask,
      account.type,
      account.subtype,
      account.balances.available,
      account.balances.current,
      account.balances.limit,
    ]);
    expect(rows).toEqual([
      ["Plaid Checking", "0000", "depository", "checking", 100, 110, null],
      ["Plaid Saving", "1111", "depository", "savings", 200, 210, null],
      ["Plaid CD", "2222", "depository", "cd", null, 1000, null],
      ["Plaid Credit Card", "3333", "credit", "credit card", null, 410, 2000],
      ["Plaid Money Market", "4444", "depository", "money market", 43200, 43200, null],
      ["Plaid IRA", "5555", "investment", "ira", null, 320.76, null],
      ["Plaid 401k", "6666", "investment", "401k", null, 23631.9805, null],
      ["Plaid Student Loan", "7777", "loan", "student", null, 65262, null],
      ["Plaid Mortgage", "8888", "loan", "mortgage", null, 56302.06, null],
    ]);
  });

  it("has Plaid's AccountBase and AccountBalance shapes", () => {
    for (const account of createSandboxAccounts({ seed: 1 })) {
      expectPlaidShape(account, "AccountBase");
      expectPlaidShape(account.balances, "AccountBalance");
      expect(account.balances.iso_currency_code).toBe("USD");
      expect(account.balances.unofficial_currency_code).toBeNull();
      expect(account.official_name).toMatch(/^Plaid /);
    }
  });

  it("derives the same ids from the same seed and different ids from another", () => {
    const ids = (seed: number) => createSandboxAccounts({ seed }).map((account) => account.account_id);
    expect(ids(7)).toEqual(ids(7));
    expect(ids(7).some((id) => ids(8).includes(id))).toBe(false);
    expect(new Set(ids(7)).size).toBe(9);
    for (const id of ids(7)) expect(id).toMatch(/^[A-Za-z0-9]{37}$/);
  });
});
