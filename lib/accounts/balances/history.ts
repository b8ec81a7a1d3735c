// An account's balance history for the chart, its table and the CSV: one point per UTC day with the
// day's last current and available balance, over 30 days, 90 days, a year or all time.
import "server-only";
import { z } from "zod";
import { findOwnedAccount } from "@/lib/auth/ownership";
import { db, Prisma } from "@/lib/db";

const DAY_MS = 86_400_000;

export const HISTORY_RANGES = ["30d", "90d", "1y", "all"] as const;
export type HistoryRange = (typeof HISTORY_RANGES)[number];
export const DEFAULT_HISTORY_RANGE: HistoryRange = "90d";

export const HISTORY_RANGE_LABELS: Record<HistoryRange, string> = {
  "30d": "30 days",
  "90d": "90 days",
  "1y": "1 year",
  all: "All time",
};

/** Days shown, today included; null is all time. */
const RANGE_DAYS: Record<HistoryRange, number | null> = { "30d": 30, "90d": 90, "1y": 365, all: null };

const rangeSchema = z.enum(HISTORY_RANGES).catch(DEFAULT_HISTORY_RANGE);

/** A range from a query string; anything unknown is the default rather than an error. */
export function parseHistoryRange(value: unknown): HistoryRange {
  return rangeSchema.parse(value);
}

export type BalancePoint = {
  /** YYYY-MM-DD, the UTC calendar day. */
  date: string;
  current: Prisma.Decimal | null;
  available: Prisma.Decimal | null;
};

export type BalanceHistory = { range: HistoryRange; currency: string; points: BalancePoint[] };

/** The first UTC day of a range ending today, or null for all time. */
export function rangeStart(range: HistoryRange, now: Date): Date | null {
  const days = RANGE_DAYS[range];
  if (days === null) return null;
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  return new Date(today - (days - 1) * DAY_MS);
}

type Row = { balance_type: "current" | "available"; day: Date; amount: Prisma.Decimal };

/**
 * Null when the account is not the user's. A day with several snapshots (a manual refresh, say) shows
 * its last one. One range scan of idx_account_balances_history, then a sort of just that range's rows.
 */
export async function getBalanceHistory({
  userId,
  accountId,
  range,
  now = new Date(),
}: {
  userId: string;
  accountId: string;
  range: HistoryRange;
  now?: Date;
}): Promise<BalanceHistory | null> {
  const account = await findOwnedAccount({ userId, accountId });
  if (!account) return null;
  const from = rangeStart(range, now);
  const rows = await db.$queryRaw<Row[]>`
    SELECT DISTINCT ON (balance_type, day) balance_type, day, amount
    FROM (
      SELECT balance_type, (as_of_date AT TIME ZONE 'UTC')::date AS day, amount, as_of_date, created_at
      FROM account_balances
      WHERE bank_account_id = ${account.id}::uuid
        AND balance_type IN ('current', 'available')
        ${from ? Prisma.sql`AND as_of_date >= ${from}` : Prisma.empty}
    ) AS snapshots
    ORDER BY balance_type, day, as_of_date DESC, created_at DESC`;
  return { range, currency: account.isoCurrencyCode, points: toPoints(rows) };
}

/** Pivots the two series into one row per day, oldest first; a day missing from one series is null there. */
function toPoints(rows: Row[]): BalancePoint[] {
  const byDay = new Map<string, BalancePoint>();
  for (const row of rows) {
    const date = row.day.toISOString().slice(0, 10);
    const point = byDay.get(date) ?? { date, current: null, available: null };
    point[row.balance_type] = new Prisma.Decimal(row.amount);
    byDay.set(date, point);
  }
  return [...byDay.values()].sort((a, b) => a.date.localeCompare(b.date));
}
