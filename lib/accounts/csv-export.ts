// CSV downloads of one account: its transactions (streamed in keyset batches) and its daily balance
// history. Money is a plain two-place decimal, dates ISO, so a spreadsheet or script reads them exactly.
import "server-only";
import { stringify } from "csv-stringify/sync";
import { getBalanceHistory, type HistoryRange } from "@/lib/accounts/balances/history";
import { iterateTransactions, normalizeQuery } from "@/lib/accounts/transactions/list";
import { findOwnedAccount, type OwnedAccount } from "@/lib/auth/ownership";
import type { TransactionModel } from "@/lib/db";
import { toMoneyString, toNullableMoneyString } from "@/lib/money/decimal";

export const TRANSACTION_CSV_COLUMNS = [
  "date",
  "authorized_date",
  "name",
  "merchant_name",
  // Plaid's sign, as stored: positive is money out of the account.
  "amount",
  "currency",
  "pending",
  "category",
  "category_detailed",
  "payment_channel",
  "transaction_id",
] as const;

/**
 * current_source: "bank" for a reported balance, "manual" for one the person entered, "transactions"
 * for one calculated from them.
 */
export const BALANCE_CSV_COLUMNS = ["date", "current", "available", "currency", "current_source"] as const;

const FIRST_BATCH = 100;

export type CsvDownload = { filename: string; body: ReadableStream<Uint8Array> | string };

/**
 * Text a spreadsheet would run as a formula (=, +, -, @, tab, CR first) gets a leading apostrophe:
 * a merchant name must never become a formula in the user's spreadsheet (OWASP "CSV injection").
 */
export function neutralizeFormula(text: string | null): string {
  if (text === null) return "";
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

const isoDate = (date: Date | null) => (date ? date.toISOString().slice(0, 10) : "");

/** One transaction as a CSV record, in TRANSACTION_CSV_COLUMNS order. */
export function transactionRecord(row: TransactionModel): string[] {
  return [
    isoDate(row.date),
    isoDate(row.authorizedDate),
    neutralizeFormula(row.name),
    neutralizeFormula(row.merchantName),
    toMoneyString(row.amount),
    row.isoCurrencyCode,
    row.pending ? "true" : "false",
    neutralizeFormula(row.categoryPrimary),
    neutralizeFormula(row.categoryDetailed),
    neutralizeFormula(row.paymentChannel),
    neutralizeFormula(row.transactionId),
  ];
}

/** "plaid-checking-0000-transactions-2026-11-23.csv": ASCII only, so the header needs no encoding. */
export function csvFilename(account: Pick<OwnedAccount, "name" | "mask">, kind: string, now = new Date()): string {
  const slug = [account.name, account.mask]
    .filter(Boolean)
    .join(" ")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "");
  return `${slug || "account"}-${kind}-${isoDate(now)}.csv`;
}

/**
 * Null when the account is not the user's; otherwise a stream that reads the rows as it is consumed,
 * one keyset batch per pull, so memory stays flat however long the history. The first batch is read
 * before the stream is handed over: a query that fails (the database gone, say) becomes an error
 * response rather than a file cut short after its header.
 */
export async function exportTransactionsCsv({
  userId,
  accountId,
  query = "",
  batchSize,
}: {
  userId: string;
  accountId: string;
  query?: string;
  batchSize?: number;
}): Promise<CsvDownload | null> {
  const account = await findOwnedAccount({ userId, accountId });
  if (!account) return null;
  // A first batch of 100 rows: the response starts after one small query, then 1,000 rows per pull.
  const batches = iterateTransactions({
    userId,
    accountId: account.id,
    query: normalizeQuery(query),
    batchSize,
    firstBatchSize: Math.min(FIRST_BATCH, batchSize ?? FIRST_BATCH),
  });
  const first = await batches.next();
  const encoder = new TextEncoder();
  let started = false;
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      const next = started ? await batches.next() : first;
      const header = started ? [] : [[...TRANSACTION_CSV_COLUMNS]];
      started = true;
      const records = next.done ? [] : next.value.map(transactionRecord);
      if (header.length > 0 || records.length > 0)
        controller.enqueue(encoder.encode(stringify([...header, ...records])));
      if (next.done) controller.close();
    },
    async cancel() {
      await batches.return(undefined);
    },
  });
  return { filename: csvFilename(account, "transactions"), body };
}

/** Null when the account is not the user's. The same daily points as the chart and its table. */
export async function exportBalancesCsv({
  userId,
  accountId,
  range,
}: {
  userId: string;
  accountId: string;
  range: HistoryRange;
}): Promise<CsvDownload | null> {
  const account = await findOwnedAccount({ userId, accountId });
  if (!account) return null;
  const history = await getBalanceHistory({ userId, accountId: account.id, range });
  if (!history) return null;
  const records = history.points.map((point) => [
    point.date,
    toNullableMoneyString(point.current) ?? "",
    toNullableMoneyString(point.available) ?? "",
    history.currency,
    point.current === null ? "" : point.calculated ? "transactions" : point.entered ? "manual" : "bank",
  ]);
  return {
    filename: csvFilename(account, range === "all" ? "balances" : `balances-${range}`),
    body: stringify([[...BALANCE_CSV_COLUMNS], ...records]),
  };
}

/** The HTTP response of a download: saved as a file, never cached by a shared cache. */
export function csvResponse(download: CsvDownload): Response {
  return new Response(download.body, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${download.filename}"`,
      "Cache-Control": "private, no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
