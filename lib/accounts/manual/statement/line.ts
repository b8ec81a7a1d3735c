// One transaction of a statement as the import writes it, whatever the file's format: a calendar day,
// an amount in Plaid's sign (positive = money out of the account), and a description. Also how two
// lines are told to be the same transaction (duplicate detection).
import type { Prisma } from "@/lib/db";
import { AppError } from "@/lib/errors";

export type StatementLine = {
  /** Midnight UTC of the day (transactions.date is a DATE). */
  date: Date;
  amount: Prisma.Decimal;
  name: string;
};

/** What a person sees before importing: the first lines, and how many the file holds. */
export type StatementPreview = { lines: StatementLine[]; total: number };

export const PREVIEW_LINES = 10;

/** Trimmed, runs of spaces as one, case-insensitive: "  COFFEE  shop" and "Coffee Shop" are one. */
export function normalizeDescription(name: string): string {
  return name.trim().replace(/\s+/g, " ").toLocaleLowerCase("en");
}

/** Same day, same amount, same normalized description: the same transaction. */
export function duplicateKey(line: { date: Date; amount: Prisma.Decimal; name: string }): string {
  return `${line.date.toISOString().slice(0, 10)}|${line.amount.toFixed(2)}|${normalizeDescription(line.name)}`;
}

export function invalidFile(message: string): AppError {
  return new AppError("import:invalid_file", message);
}

/** The calendar day as midnight UTC, or null when the numbers are not a real date. */
export function utcDay(year: number, month: number, day: number): Date | null {
  const date = new Date(Date.UTC(year, month - 1, day));
  const real = date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
  return real && year >= 1900 && year <= 2100 ? date : null;
}
