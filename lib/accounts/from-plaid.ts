// Plaid's accounts (from /accounts/get) as Mingus rows: the bank_accounts row in the schema's vocabulary
// and its first balance rows. Pure, so the mapping is tested without Plaid or a database.
import "server-only";
import { randomUUID } from "node:crypto";
import type { AccountBase } from "plaid";
import type { Prisma } from "@/lib/db";
import type { AccountType, BalanceType, VerificationStatus } from "@/lib/db/vocabulary";
import { toMoney } from "@/lib/money/decimal";

// Plaid's legacy "brokerage" type is an investment account; anything newer than this list is "other".
const TYPES: Record<string, AccountType> = {
  depository: "depository",
  credit: "credit",
  loan: "loan",
  investment: "investment",
  brokerage: "investment",
  other: "other",
};

// Investment subtypes that are retirement plans, shown as "retirement" beside the demo data's accounts.
const RETIREMENT = new Set([
  "401a",
  "401k",
  "403B",
  "457b",
  "ira",
  "keogh",
  "lif",
  "lira",
  "lrif",
  "lrsp",
  "pension",
  "prif",
  "profit sharing plan",
  "retirement",
  "rlif",
  "roth",
  "roth 401k",
  "roth 403B",
  "roth 457b",
  "roth pension",
  "roth profit sharing plan",
  "roth thrift savings plan",
  "rrif",
  "rrsp",
  "sarsep",
  "sep ira",
  "simple ira",
  "sipp",
  "thrift savings plan",
]);
const SAVINGS = new Set(["savings", "cd", "money market", "hsa", "cash management", "cash isa"]);

/** The app's own category (account_type), in the words the seeded demo accounts use. */
export function toAppAccountType({ type, subtype }: { type: AccountType; subtype: string | null }): string {
  switch (type) {
    case "depository":
      if (subtype === "checking") return "checking";
      return subtype && SAVINGS.has(subtype) ? "savings" : "other";
    case "credit":
      return "credit_card";
    case "loan":
      return "loan";
    case "investment":
      return subtype && RETIREMENT.has(subtype) ? "retirement" : "brokerage";
    default:
      return "other";
  }
}

// A credential-linked (transactions) account is verified by the login; Auth's micro-deposit states map over.
function toVerificationStatus(status: AccountBase["verification_status"]): VerificationStatus {
  if (!status) return "verified";
  if (status.startsWith("pending") || status === "unsent") return "pending";
  if (status === "verification_failed" || status === "verification_expired" || status === "database_insights_fail") {
    return "failed";
  }
  return "verified";
}

const CURRENCY = /^[A-Z]{3}$/;
const MASK = /^[0-9A-Za-z]{1,4}$/;

export type LinkedAccountRows = {
  accounts: Prisma.BankAccountCreateManyInput[];
  balances: Prisma.AccountBalanceCreateManyInput[];
};

/** Rows for one new connection's accounts; ids are made here so the balances can point at them. */
export function toLinkedAccountRows({
  accounts,
  userId,
  connectionId,
  asOf,
  newId = randomUUID,
}: {
  accounts: AccountBase[];
  userId: string;
  connectionId: string;
  asOf: Date;
  newId?: () => string;
}): LinkedAccountRows {
  const rows: LinkedAccountRows = { accounts: [], balances: [] };
  for (const account of accounts) {
    const id = newId();
    const type = TYPES[account.type] ?? "other";
    const subtype = account.subtype ?? null;
    const { current, available, limit, iso_currency_code, unofficial_currency_code } = account.balances;
    // Crypto and other unofficial currencies have no ISO code; the column needs one, so USD with a note.
    const currency = iso_currency_code && CURRENCY.test(iso_currency_code) ? iso_currency_code : "USD";
    // Plaid's `limit` is a credit line on a card and an overdraft limit elsewhere; only the first is a credit_limit.
    const creditLimit = type === "credit" && limit !== null && limit >= 0 ? toMoney(String(limit)) : null;
    const money = (value: number | null) => (value === null ? null : toMoney(String(value)));

    rows.accounts.push({
      id,
      userId,
      plaidConnectionId: connectionId,
      accountId: account.account_id,
      name: account.name,
      mask: account.mask,
      type,
      subtype,
      accountType: toAppAccountType({ type, subtype }),
      status: "active",
      verificationStatus: toVerificationStatus(account.verification_status),
      currentBalance: money(current),
      availableBalance: money(available),
      creditLimit,
      // Stored masked: the CHECK constraint allows at most four digits.
      accountNumber: account.mask && MASK.test(account.mask) ? `••••${account.mask}` : null,
      isoCurrencyCode: currency,
      metadata: {
        official_name: account.official_name,
        ...(unofficial_currency_code ? { unofficial_currency_code } : {}),
        ...(account.persistent_account_id ? { persistent_account_id: account.persistent_account_id } : {}),
      },
    });

    const firstBalances: [BalanceType, Prisma.Decimal | null][] = [
      ["current", money(current)],
      ["available", money(available)],
      ["credit_limit", creditLimit],
    ];
    for (const [balanceType, amount] of firstBalances) {
      if (amount === null) continue;
      rows.balances.push({ bankAccountId: id, balanceType, amount, currency, asOfDate: asOf, source: "plaid" });
    }
  }
  return rows;
}
