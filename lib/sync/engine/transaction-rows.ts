// Plaid's transactions as rows of the transactions table, and those rows as one array per column for
// a single `INSERT … SELECT * FROM unnest(…)`. Pure, so the mapping is tested without Plaid or a database.
//
// Amounts keep Plaid's sign convention: positive is money leaving the account (a purchase, a
// payment), negative is money coming in (a deposit, a refund). They are rounded to cents as
// numeric(15,2) stores them.
import "server-only";
import type { Transaction } from "plaid";
import { toMoney } from "@/lib/money/decimal";

export type TransactionRow = {
  bankAccountId: string;
  transactionId: string;
  /** Two-place decimal string, Plaid's sign. */
  amount: string;
  isoCurrencyCode: string;
  /** YYYY-MM-DD. */
  date: string;
  authorizedDate: string | null;
  name: string;
  merchantName: string | null;
  pending: boolean;
  pendingTransactionId: string | null;
  categoryPrimary: string | null;
  categoryDetailed: string | null;
  paymentChannel: string | null;
};

export type MappedTransactions = {
  rows: TransactionRow[];
  /** Transactions on accounts the connection does not have (see ensureAccounts). */
  unknownAccountIds: Set<string>;
  /** Transactions that cannot be stored (no usable date or amount): skipped and counted as failed. */
  invalid: number;
};

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const CURRENCY = /^[A-Z0-9]{3,8}$/i;

const day = (value: string | null | undefined) => (value && DAY.test(value) ? value : null);

function currencyOf(transaction: Transaction): string {
  // Crypto and other unofficial currencies have no ISO code: the unofficial one, else Plaid's default.
  const code = transaction.iso_currency_code ?? transaction.unofficial_currency_code;
  return code && CURRENCY.test(code) ? code : "USD";
}

/** The row for one transaction, or null when it cannot be stored. */
export function toTransactionRow(transaction: Transaction, bankAccountId: string): TransactionRow | null {
  const date = day(transaction.date);
  if (!date || !transaction.transaction_id) return null;
  let amount: string;
  try {
    amount = toMoney(transaction.amount).toFixed(2);
  } catch {
    return null;
  }
  const category = transaction.personal_finance_category ?? null;
  return {
    bankAccountId,
    transactionId: transaction.transaction_id,
    amount,
    isoCurrencyCode: currencyOf(transaction),
    date,
    authorizedDate: day(transaction.authorized_date),
    // name is NOT NULL; Plaid deprecates it in favour of merchant_name but still sends it.
    name: transaction.name || transaction.merchant_name || transaction.original_description || "Transaction",
    merchantName: transaction.merchant_name ?? null,
    pending: transaction.pending === true,
    pendingTransactionId: transaction.pending_transaction_id ?? null,
    categoryPrimary: category?.primary ?? null,
    categoryDetailed: category?.detailed ?? null,
    paymentChannel: transaction.payment_channel ?? null,
  };
}

/**
 * Rows for a page's added and modified transactions. A transaction listed twice keeps its last
 * version (one INSERT … ON CONFLICT cannot touch a row twice).
 */
export function toTransactionRows({
  transactions,
  accountIds,
}: {
  transactions: Transaction[];
  /** Plaid account_id → bank_accounts.id, for this connection only. */
  accountIds: ReadonlyMap<string, string>;
}): MappedTransactions {
  const rows = new Map<string, TransactionRow>();
  const unknownAccountIds = new Set<string>();
  let invalid = 0;
  for (const transaction of transactions) {
    const bankAccountId = accountIds.get(transaction.account_id);
    if (!bankAccountId) {
      unknownAccountIds.add(transaction.account_id);
      continue;
    }
    const row = toTransactionRow(transaction, bankAccountId);
    if (row) rows.set(row.transactionId, row);
    else invalid++;
  }
  return { rows: [...rows.values()], unknownAccountIds, invalid };
}

/** One array per column, in the INSERT's column order. */
export function toColumnArrays(rows: TransactionRow[]) {
  return {
    bankAccountIds: rows.map((row) => row.bankAccountId),
    transactionIds: rows.map((row) => row.transactionId),
    amounts: rows.map((row) => row.amount),
    currencies: rows.map((row) => row.isoCurrencyCode),
    dates: rows.map((row) => row.date),
    authorizedDates: rows.map((row) => row.authorizedDate),
    names: rows.map((row) => row.name),
    merchantNames: rows.map((row) => row.merchantName),
    pendings: rows.map((row) => row.pending),
    pendingTransactionIds: rows.map((row) => row.pendingTransactionId),
    categoryPrimaries: rows.map((row) => row.categoryPrimary),
    categoryDetails: rows.map((row) => row.categoryDetailed),
    paymentChannels: rows.map((row) => row.paymentChannel),
  };
}

/** Ids a page deletes: Plaid's removed ones, and the pending ones its posted transactions replace. */
export function idsToDelete({ removed, rows }: { removed: string[]; rows: TransactionRow[] }): string[] {
  const ids = new Set(removed);
  for (const row of rows) if (!row.pending && row.pendingTransactionId) ids.add(row.pendingTransactionId);
  return [...ids];
}
