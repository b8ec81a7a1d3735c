// The words and numbers alerts are written with: money in its own currency, calendar days, ratios and
// account names. Alerts are stored and sent as text, so they use one fixed, unambiguous style (en-US,
// "Nov 23, 2026") rather than a reader's display preferences.
import type { Prisma } from "@/lib/db";
import { formatMoney } from "@/lib/money/decimal";
import type { AccountLabel, AlertData } from "./types";

const LOCALE = "en-US";

export function formatAmount(amount: Prisma.Decimal, currency: string): string {
  return formatMoney({ amount, currency, locale: LOCALE });
}

const DAY = new Intl.DateTimeFormat(LOCALE, { timeZone: "UTC", month: "short", day: "numeric", year: "numeric" });

/** A DATE column (UTC midnight) as its own calendar day, whatever the server's zone. */
export function formatDay(date: Date): string {
  return DAY.format(date);
}

/** "2026-11-23": the calendar day of a DATE column, for grouping and for `data`. */
export function dayKey(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** "8.4", "10", "1,250": a multiple rounded to one place, without a trailing ".0". */
export function formatRatio(ratio: Prisma.Decimal): string {
  return new Intl.NumberFormat(LOCALE, { maximumFractionDigits: 1 }).format(
    ratio.toDecimalPlaces(1).toFixed() as `${number}`,
  );
}

/** "FOOD_AND_DRINK" -> "food and drink": Plaid's personal finance category, in words. */
export function categoryWords(category: string): string {
  return category.toLowerCase().replace(/_/g, " ");
}

export type AccountName = { name: string; alias?: string | null; mask: string | null };

/** "Checking ••0000": the person's alias, else the bank's name, and the last digits when known. */
export function accountDisplayName(account: AccountName): string {
  const name = account.alias?.trim() || account.name;
  return account.mask ? `${name} ••${account.mask}` : name;
}

/** The account facts every account alert's data carries. */
export function accountData(account: AccountLabel): AlertData {
  return { account_id: account.id, account_name: accountDisplayName(account), currency: account.currency };
}
