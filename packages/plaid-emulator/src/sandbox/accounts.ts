// The nine accounts every Plaid sandbox item has, with Plaid's names, types and starting balances.
// Only the ids vary: they come from the item's seed, so each item's accounts are its own.
import { type AccountBase, AccountHolderCategory, AccountSubtype, AccountType } from "plaid";
import { createRng } from "./prng.ts";

type AccountSpec = {
  name: string;
  official_name: string;
  mask: string;
  type: AccountType;
  subtype: AccountSubtype;
  available: number | null;
  current: number;
  limit: number | null;
};

const SPECS: AccountSpec[] = [
  {
    name: "Plaid Checking",
    official_name: "Plaid Gold Standard 0% Interest Checking",
    mask: "0000",
    type: AccountType.Depository,
    subtype: AccountSubtype.Checking,
    available: 100,
    current: 110,
    limit: null,
  },
  {
    name: "Plaid Saving",
    official_name: "Plaid Silver Standard 0.1% Interest Saving",
    mask: "1111",
    type: AccountType.Depository,
    subtype: AccountSubtype.Savings,
    available: 200,
    current: 210,
    limit: null,
  },
  {
    name: "Plaid CD",
    official_name: "Plaid Bronze Standard 0.2% Interest CD",
    mask: "2222",
    type: AccountType.Depository,
    subtype: AccountSubtype.Cd,
    available: null,
    current: 1000,
    limit: null,
  },
  {
    name: "Plaid Credit Card",
    official_name: "Plaid Diamond 12.5% APR Interest Credit Card",
    mask: "3333",
    type: AccountType.Credit,
    subtype: AccountSubtype.CreditCard,
    available: null,
    current: 410,
    limit: 2000,
  },
  {
    name: "Plaid Money Market",
    official_name: "Plaid Platinum Standard 1.85% Interest Money Market",
    mask: "4444",
    type: AccountType.Depository,
    subtype: AccountSubtype.MoneyMarket,
    available: 43200,
    current: 43200,
    limit: null,
  },
  {
    name: "Plaid IRA",
    official_name: "Plaid IRA",
    mask: "5555",
    type: AccountType.Investment,
    subtype: AccountSubtype.Ira,
    available: null,
    current: 320.76,
    limit: null,
  },
  {
    name: "Plaid 401k",
    official_name: "Plaid 401k",
    mask: "6666",
    type: AccountType.Investment,
    subtype: AccountSubtype._401k,
    available: null,
    current: 23631.9805,
    limit: null,
  },
  {
    name: "Plaid Student Loan",
    official_name: "Plaid Student Loan",
    mask: "7777",
    type: AccountType.Loan,
    subtype: AccountSubtype.Student,
    available: null,
    current: 65262,
    limit: null,
  },
  {
    name: "Plaid Mortgage",
    official_name: "Plaid Mortgage",
    mask: "8888",
    type: AccountType.Loan,
    subtype: AccountSubtype.Mortgage,
    available: null,
    current: 56302.06,
    limit: null,
  },
];

/**
 * The sandbox item's accounts, in Plaid's order, in the institution's currency; the same seed always
 * yields the same ids.
 */
export function createSandboxAccounts({ seed, currency = "USD" }: { seed: number; currency?: string }): AccountBase[] {
  const rng = createRng(seed, "accounts");
  return SPECS.map((spec) => ({
    account_id: rng.id(),
    balances: {
      available: spec.available,
      current: spec.current,
      limit: spec.limit,
      iso_currency_code: currency,
      unofficial_currency_code: null,
      last_updated_datetime: null,
    },
    mask: spec.mask,
    name: spec.name,
    official_name: spec.official_name,
    type: spec.type,
    subtype: spec.subtype,
    holder_category: AccountHolderCategory.Personal,
  }));
}
