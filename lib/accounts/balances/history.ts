// An account's balance history for the chart, its table and the CSV: one point per UTC day with the
// day's last current and available balance, over a month, three months, a year or all time.
import "server-only";
import { findOwnedAccount } from "@/lib/auth/ownership";
import { db, Prisma } from "@/lib/db";
import { type HistoryRange, rangeStart } from "./ranges";

export {
  DEFAULT_HISTORY_RANGE,
  HISTORY_RANGE_LABELS,
  HISTORY_RANGE_WORDS,
  HISTORY_RANGES,
  type HistoryRange,
  isLongRange,
  parseHistoryRange,
  rangeStart,
} from "./ranges";

export type BalancePoint = {
  /** YYYY-MM-DD, the UTC calendar day. */
  date: string;
  current: Prisma.Decimal | null;
  available: Prisma.Decimal | null;
  /** The current balance was calculated from transactions (lib/accounts/balances/rebuild.ts), not reported. */
  calculated: boolean;
  /** The current balance is one the person entered (a manual account's), not the bank's. */
  entered: boolean;
};

export type BalanceHistory = {
  range: HistoryRange;
  currency: string;
  /** Investment accounts are not reconstructed from transactions: their value moves with the market. */
  reconstructed: boolean;
  points: BalancePoint[];
};

type Row = { balance_type: "current" | "available"; day: Date; amount: Prisma.Decimal; source: string };

/**
 * Null when the account is not the user's. A day with several snapshots (a manual refresh, say) shows
 * its last one; a reported balance (Plaid's, or one the person entered) wins over a calculated one. One range scan of idx_account_balances_history, then a sort of just that range's rows.
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
    SELECT DISTINCT ON (balance_type, day) balance_type, day, amount, source
    FROM (
      SELECT balance_type, (as_of_date AT TIME ZONE 'UTC')::date AS day, amount, source, as_of_date, created_at
      FROM account_balances
      WHERE bank_account_id = ${account.id}::uuid
        AND balance_type IN ('current', 'available')
        ${from ? Prisma.sql`AND as_of_date >= ${from}` : Prisma.empty}
    ) AS snapshots
    ORDER BY balance_type, day, source = 'calculated', as_of_date DESC, created_at DESC`;
  return {
    range,
    currency: account.isoCurrencyCode,
    reconstructed: account.type !== "investment",
    points: toPoints(rows),
  };
}

/** Pivots the two series into one row per day, oldest first; a day missing from one series is null there. */
function toPoints(rows: Row[]): BalancePoint[] {
  const byDay = new Map<string, BalancePoint>();
  for (const row of rows) {
    const date = row.day.toISOString().slice(0, 10);
    const point = byDay.get(date) ?? { date, current: null, available: null, calculated: false, entered: false };
    point[row.balance_type] = new Prisma.Decimal(row.amount);
    if (row.balance_type === "current") {
      point.calculated = row.source === "calculated";
      point.entered = row.source === "manual";
    }
    byDay.set(date, point);
  }
  return [...byDay.values()].sort((a, b) => a.date.localeCompare(b.date));
}
