// How amounts, dates and times look to one person: their display preferences (global row, then
// defaults) applied with Intl and date-fns. Pages load a Display once per request and pass it down.
import "server-only";
import { format as formatDateFns, formatDistanceStrict } from "date-fns";
import { cache } from "react";
import type { Prisma } from "@/lib/db";
import { formatMoney } from "@/lib/money/decimal";
import { getEffectivePreferences } from "@/lib/preferences";
import { getRequestLocale } from "./locale";

export interface DisplaySettings {
  currency: string;
  dateFormat: string;
  timeFormat: "12h" | "24h";
  showBalances: boolean;
  showTransactionDetails: boolean;
  locale: string;
  /**
   * The IANA zone instants (times, timestamps) are shown in; unset, the server's own. Calendar days
   * (DATE columns) ignore it: they name a day, not an instant.
   */
  timeZone?: string;
}

export const MASKED_AMOUNT = "••••••";

export const getDisplaySettings = cache(async ({ userId }: { userId: string }): Promise<DisplaySettings> => {
  const [{ values }, locale] = await Promise.all([getEffectivePreferences({ userId }), getRequestLocale()]);
  return {
    currency: values.defaultCurrency,
    dateFormat: values.dateFormat,
    timeFormat: values.timeFormat === "24h" ? "24h" : "12h",
    showBalances: values.showBalances,
    showTransactionDetails: values.showTransactionDetails,
    locale,
  };
});

export function createDisplay(settings: DisplaySettings) {
  const timePattern = settings.timeFormat === "24h" ? "HH:mm" : "h:mm a";
  return {
    settings,
    /** An amount in its own currency (else the default), or a mask when balances are hidden. */
    money(amount: Prisma.Decimal | string | number | null | undefined, currency?: string | null): string {
      if (amount === null || amount === undefined) return "—";
      if (!settings.showBalances) return MASKED_AMOUNT;
      return formatMoney({ amount, currency: currency ?? settings.currency, locale: settings.locale });
    },
    /** The day of an instant, in the display's zone. For a DATE column use calendarDate. */
    date(value: Date | string): string {
      return safeFormat(inZone(value, settings.timeZone), settings.dateFormat);
    },
    /**
     * A calendar day: a DATE column (transactions.date, authorized_date, a history day) or "YYYY-MM-DD".
     * It arrives as UTC midnight, so it is read in UTC; in a zone west of Greenwich `date` would show
     * the day before.
     */
    calendarDate(value: Date | string): string {
      return safeFormat(inZone(value, "UTC"), settings.dateFormat);
    },
    time(value: Date | string): string {
      return safeFormat(inZone(value, settings.timeZone), timePattern);
    },
    dateTime(value: Date | string): string {
      const date = inZone(value, settings.timeZone);
      return `${safeFormat(date, settings.dateFormat)} ${safeFormat(date, timePattern)}`;
    },
    /** "3 hours ago"; `now` is injectable for tests. */
    relative(value: Date | string | null, now = new Date()): string {
      if (!value) return "never";
      return `${formatDistanceStrict(new Date(value), now)} ago`;
    },
  };
}

export type Display = ReturnType<typeof createDisplay>;

/**
 * date-fns formats in the server's zone, so for another zone this returns the Date whose server-local
 * fields are the instant's wall clock there (what @date-fns/tz would do). Invalid input passes through.
 */
function inZone(value: Date | string, timeZone: string | undefined): Date {
  const date = new Date(value);
  if (!timeZone || Number.isNaN(date.getTime())) return date;
  const parts = new Intl.DateTimeFormat("en-US", {
    timeZone,
    hourCycle: "h23",
    year: "numeric",
    month: "numeric",
    day: "numeric",
    hour: "numeric",
    minute: "numeric",
    second: "numeric",
  }).formatToParts(date);
  const field = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((part) => part.type === type)?.value);
  const [year, month, day] = [field("year"), field("month"), field("day")];
  const [hour, minute, second] = [field("hour"), field("minute"), field("second")];
  return new Date(year, month - 1, day, hour, minute, second, date.getMilliseconds());
}

function safeFormat(date: Date, pattern: string): string {
  if (Number.isNaN(date.getTime())) return "—";
  try {
    return formatDateFns(date, pattern);
  } catch {
    // A stored pattern date-fns cannot read falls back to the default rather than breaking the page.
    return formatDateFns(date, "MMM d, yyyy");
  }
}

/** The display for a signed-in user, loaded once per request. */
export async function getDisplay({ userId }: { userId: string }): Promise<Display> {
  return createDisplay(await getDisplaySettings({ userId }));
}
