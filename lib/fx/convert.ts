// Totals in one display currency: per-currency amounts crossed through the euro with the latest
// reference rate on or before a day, or, when a rate is missing, the reason they stay per currency.
import "server-only";
import { Prisma } from "@/lib/db";
import { env } from "@/lib/env";
import { type EurRate, getLatestRates, hasAnyRates } from "./rates";

export type CurrencyTotals = {
  currency: string;
  assets: Prisma.Decimal;
  liabilities: Prisma.Decimal;
  netWorth: Prisma.Decimal;
};

export type ConvertedTotals = CurrencyTotals & {
  /** The day of the oldest rate used; null when nothing needed converting. */
  rateDay: string | null;
};

export type TotalsConversion = { converted: ConvertedTotals | null; notice: string | null };

/** Units of `to` per unit of `from`, and the older of the two rates' days; null without both rates. */
export function crossRate(from: string, to: string, rates: Map<string, EurRate>): EurRate | null {
  if (from === to) return null;
  const source = rates.get(from);
  const target = rates.get(to);
  if (!source || !target) return null;
  const days = [source, target].filter((_, index) => [from, to][index] !== "EUR").map((rate) => rate.day);
  const day = days.sort()[0] ?? source.day;
  return { rate: target.rate.dividedBy(source.rate), day };
}

/** Why totals stay per currency: no rates at all, or none yet for these currencies. */
export function unconvertedNotice({ missing, anyRates }: { missing: string[]; anyRates: boolean }): string {
  if (!anyRates) {
    return env.FX_RATES_URL
      ? "No exchange rates fetched yet, so totals stay in each account's currency."
      : "No exchange rates configured, so totals stay in each account's currency.";
  }
  return `No rate for ${missing.join(", ")} yet, so totals stay in each account's currency.`;
}

/**
 * Converts per-currency totals into `to` with the rates on or before `day`. With every amount already
 * in `to` nothing is converted; with any rate missing, nothing is (a partial sum would mislead).
 */
export async function convertTotals({
  totals,
  to,
  day,
}: {
  totals: CurrencyTotals[];
  to: string;
  day: string;
}): Promise<TotalsConversion> {
  if (totals.length === 0) return { converted: null, notice: null };
  if (totals.every((total) => total.currency === to)) {
    return { converted: { ...sum(to, totals), rateDay: null }, notice: null };
  }
  const rates = await getLatestRates({ currencies: [to, ...totals.map((total) => total.currency)], onOrBefore: day });
  const missing = [to, ...totals.map((total) => total.currency)].filter(
    (code, index, all) => !rates.has(code) && all.indexOf(code) === index,
  );
  if (missing.length > 0) {
    return {
      converted: null,
      notice: unconvertedNotice({ missing, anyRates: rates.size > 0 || (await hasAnyRates()) }),
    };
  }
  const rateDays: string[] = [];
  const crossed = totals.map((total) => {
    const cross = crossRate(total.currency, to, rates);
    if (!cross) return total;
    rateDays.push(cross.day);
    return {
      currency: to,
      assets: total.assets.times(cross.rate),
      liabilities: total.liabilities.times(cross.rate),
      netWorth: total.netWorth.times(cross.rate),
    };
  });
  return { converted: { ...sum(to, crossed), rateDay: rateDays.sort()[0] ?? null }, notice: null };
}

function sum(currency: string, totals: CurrencyTotals[]): CurrencyTotals {
  const zero = new Prisma.Decimal(0);
  const round = (value: Prisma.Decimal) => value.toDecimalPlaces(2, Prisma.Decimal.ROUND_HALF_UP);
  const assets = totals.reduce((total, next) => total.plus(next.assets), zero);
  const liabilities = totals.reduce((total, next) => total.plus(next.liabilities), zero);
  return {
    currency,
    assets: round(assets),
    liabilities: round(liabilities),
    netWorth: round(assets.minus(liabilities)),
  };
}
