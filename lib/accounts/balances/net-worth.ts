// Net worth per day for the dashboard's chart: assets, liabilities and net worth over the accounts the
// totals count (active, not closed, not hidden), per currency, and converted into the person's display
// currency with each day's reference rate. One SQL query whatever the range or number of accounts.
import "server-only";
import { db, Prisma } from "@/lib/db";
import { type CurrencyTotals, unconvertedNotice } from "@/lib/fx";
import { type HistoryRange, rangeStart } from "./ranges";

export type NetWorthPoint = {
  /** YYYY-MM-DD, the UTC calendar day. */
  date: string;
  byCurrency: CurrencyTotals[];
  /** The day's totals in the display currency; null without one, or without that day's rates. */
  converted: CurrencyTotals | null;
  /** The day of the oldest rate the conversion used; null when nothing needed converting. */
  rateDay: string | null;
};

export type NetWorthHistory = {
  range: HistoryRange;
  displayCurrency: string | null;
  /** Every currency with a balance in the range, in code order. */
  currencies: string[];
  points: NetWorthPoint[];
  /** Why some or all days stay per currency although a display currency is set. */
  notice: string | null;
};

type Row = {
  day: string;
  currency: string;
  assets: Prisma.Decimal;
  liabilities: Prisma.Decimal;
  factor: Prisma.Decimal | null;
  rate_day: string | null;
  /** The currencies whose rate the day lacks. */
  missing: string[];
  any_rates: boolean;
};

/**
 * Each account's 'current' balance at the end of each day is its last row that day (by as_of_date,
 * then created_at), else the last before it: a balance holds until the next one, and an account
 * counts from its first row on. Rates likewise: the latest on or before the day, crossed via the euro.
 */
export async function getNetWorthHistory({
  userId,
  range,
  displayCurrency,
  now = new Date(),
}: {
  userId: string;
  range: HistoryRange;
  /** The person's chosen display currency, or null to keep every currency apart. */
  displayCurrency: string | null;
  now?: Date;
}): Promise<NetWorthHistory> {
  const rows = await db.$queryRaw<Row[]>(netWorthQuery({ userId, range, displayCurrency, now }));
  return toHistory({ rows, range, displayCurrency });
}

/** The one query behind getNetWorthHistory (the benchmark explains it too). */
export function netWorthQuery({
  userId,
  range,
  displayCurrency,
  now,
}: {
  userId: string;
  range: HistoryRange;
  displayCurrency: string | null;
  now: Date;
}): Prisma.Sql {
  const today = now.toISOString().slice(0, 10);
  const from = rangeStart(range, now)?.toISOString().slice(0, 10) ?? null;
  return Prisma.sql`
    WITH accounts AS (
      SELECT ba.id, ba.iso_currency_code AS currency, ba.type IN ('credit', 'loan') AS owed
      FROM bank_accounts ba
      LEFT JOIN plaid_connections pc ON pc.id = ba.plaid_connection_id
      LEFT JOIN banking_preferences own ON own.user_id = ba.user_id AND own.bank_account_id = ba.id
      WHERE ba.user_id = ${userId}::uuid AND ba.is_active AND ba.status <> 'closed'
        AND ba.type IN ('depository', 'investment', 'other', 'credit', 'loan')
        AND (pc.id IS NULL OR pc.is_active)
        -- Hiding is an account's own setting (a global row cannot hold it: chk_preferences_global_has_no_account_fields).
        AND NOT COALESCE(own.hide_account, false)
    ),
    in_range AS (
      SELECT ab.bank_account_id, (ab.as_of_date AT TIME ZONE 'UTC')::date AS day, ab.amount, ab.source,
             false AS carried, ab.as_of_date, ab.created_at
      FROM account_balances ab
      JOIN accounts a ON a.id = ab.bank_account_id
      WHERE ab.balance_type = 'current'
        AND ab.as_of_date >= COALESCE(${from}::date::timestamp AT TIME ZONE 'UTC', '-infinity')
        AND ab.as_of_date < (${today}::date + 1)::timestamp AT TIME ZONE 'UTC'
      UNION ALL
      -- The balance carried into the range: each account's last row before it, one index step back.
      SELECT a.id, ${from}::date, before.amount, before.source, true, before.as_of_date, before.created_at
      FROM accounts a
      CROSS JOIN LATERAL (
        SELECT amount, source, as_of_date, created_at FROM account_balances
        WHERE bank_account_id = a.id AND balance_type = 'current'
          AND as_of_date < ${from}::date::timestamp AT TIME ZONE 'UTC'
        ORDER BY as_of_date DESC, created_at DESC LIMIT 1
      ) before
      WHERE ${from}::date IS NOT NULL
    ),
    snapshots AS (
      -- A day's last row per account; a reported balance wins over a calculated one, as on the account's
      -- own chart; a row carried in from before the range counts only when its first day has none.
      SELECT DISTINCT ON (bank_account_id, day) bank_account_id, day, amount
      FROM in_range
      ORDER BY bank_account_id, day, carried, source = 'calculated', as_of_date DESC, created_at DESC
    ),
    per_currency AS (
      -- Each snapshot holds from its day until the day before the account's next one (or today).
      SELECT d.day::date AS day, a.currency,
             COALESCE(sum(s.amount) FILTER (WHERE NOT a.owed), 0) AS assets,
             COALESCE(sum(s.amount) FILTER (WHERE a.owed), 0) AS liabilities
      FROM (
        SELECT bank_account_id, day, amount, lead(day) OVER (PARTITION BY bank_account_id ORDER BY day) AS next_day
        FROM snapshots
      ) s
      JOIN accounts a ON a.id = s.bank_account_id
      CROSS JOIN LATERAL generate_series(s.day, COALESCE(s.next_day - 1, ${today}::date), interval '1 day') AS d(day)
      GROUP BY d.day::date, a.currency
    )
    SELECT to_char(p.day, 'YYYY-MM-DD') AS day, p.currency, p.assets, p.liabilities,
           CASE
             WHEN ${displayCurrency}::text IS NULL THEN NULL
             WHEN p.currency = ${displayCurrency}::text THEN 1::numeric
             ELSE (CASE WHEN ${displayCurrency}::text = 'EUR' THEN 1::numeric ELSE target.rate END)
                / (CASE WHEN p.currency = 'EUR' THEN 1::numeric ELSE source.rate END)
           END AS factor,
           CASE WHEN p.currency = ${displayCurrency}::text THEN NULL
                ELSE to_char(LEAST(source.day, target.day), 'YYYY-MM-DD') END AS rate_day,
           array_remove(ARRAY[
             CASE WHEN p.currency <> 'EUR' AND p.currency <> ${displayCurrency}::text AND source.rate IS NULL THEN p.currency END,
             CASE WHEN ${displayCurrency}::text <> 'EUR' AND p.currency <> ${displayCurrency}::text AND target.rate IS NULL
                  THEN ${displayCurrency}::text END
           ], NULL) AS missing,
           EXISTS (SELECT 1 FROM fx_rates) AS any_rates
    FROM per_currency p
    LEFT JOIN LATERAL (
      SELECT rate, day FROM fx_rates WHERE currency = p.currency AND day <= p.day ORDER BY day DESC LIMIT 1
    ) source ON ${displayCurrency}::text IS NOT NULL AND p.currency <> 'EUR'
    LEFT JOIN LATERAL (
      SELECT rate, day FROM fx_rates WHERE currency = ${displayCurrency}::text AND day <= p.day ORDER BY day DESC LIMIT 1
    ) target ON ${displayCurrency}::text IS NOT NULL AND ${displayCurrency}::text <> 'EUR'
    ORDER BY p.day, p.currency`;
}

function toHistory({
  rows,
  range,
  displayCurrency,
}: {
  rows: Row[];
  range: HistoryRange;
  displayCurrency: string | null;
}): NetWorthHistory {
  const byDay = new Map<string, Row[]>();
  for (const row of rows) byDay.set(row.day, [...(byDay.get(row.day) ?? []), row]);
  const missing = new Set<string>();
  const points = [...byDay.entries()].map(([date, dayRows]): NetWorthPoint => {
    const byCurrency = dayRows.map((row) =>
      totals(row.currency, new Prisma.Decimal(row.assets), new Prisma.Decimal(row.liabilities)),
    );
    if (!displayCurrency) return { date, byCurrency, converted: null, rateDay: null };
    if (dayRows.some((row) => row.factor === null)) {
      for (const code of dayRows.flatMap((row) => row.missing)) missing.add(code);
      return { date, byCurrency, converted: null, rateDay: null };
    }
    let assets = new Prisma.Decimal(0);
    let liabilities = new Prisma.Decimal(0);
    for (const row of dayRows) {
      assets = assets.plus(new Prisma.Decimal(row.assets).times(row.factor ?? 1));
      liabilities = liabilities.plus(new Prisma.Decimal(row.liabilities).times(row.factor ?? 1));
    }
    const rateDay =
      dayRows
        .map((row) => row.rate_day)
        .filter((day) => day !== null)
        .sort()[0] ?? null;
    return { date, byCurrency, converted: totals(displayCurrency, round(assets), round(liabilities)), rateDay };
  });
  const currencies = [...new Set(rows.map((row) => row.currency))].sort();
  const anyRates = rows.some((row) => row.any_rates);
  return { range, displayCurrency, currencies, points, notice: noticeFor({ points, missing, anyRates }) };
}

function noticeFor({
  points,
  missing,
  anyRates,
}: {
  points: NetWorthPoint[];
  missing: Set<string>;
  anyRates: boolean;
}): string | null {
  if (missing.size === 0) return null;
  const firstConverted = points.find((point) => point.converted !== null)?.date;
  const notice = unconvertedNotice({ missing: [...missing].sort(), anyRates });
  return firstConverted ? `${notice} Days before ${firstConverted} are shown per currency.` : notice;
}

function totals(currency: string, assets: Prisma.Decimal, liabilities: Prisma.Decimal): CurrencyTotals {
  return { currency, assets, liabilities, netWorth: assets.minus(liabilities) };
}

function round(value: Prisma.Decimal): Prisma.Decimal {
  return value.toDecimalPlaces(2, Prisma.Decimal.ROUND_HALF_UP);
}
