// How amounts, dates and times look to one person: their display preferences (global row, then
// defaults) applied with Intl and date-fns. Pages load a Display once per request and pass it down.
import "server-only";
import { format as formatDateFns, formatDistanceStrict } from "date-fns";
import { cache } from "react";
import type { Prisma } from "@/lib/db";
import { formatMoney } from "@/lib/money/decimal";
import { getEffectivePreferences } from "@/lib/preferences/resolve";

export interface DisplaySettings {
  currency: string;
  dateFormat: string;
  timeFormat: "12h" | "24h";
  showBalances: boolean;
  showTransactionDetails: boolean;
  locale: string;
}

export const MASKED_AMOUNT = "••••••";

export const getDisplaySettings = cache(async ({ userId }: { userId: string }): Promise<DisplaySettings> => {
  const { values } = await getEffectivePreferences({ userId });
  return {
    currency: values.defaultCurrency,
    dateFormat: values.dateFormat,
    timeFormat: values.timeFormat === "24h" ? "24h" : "12h",
    showBalances: values.showBalances,
    showTransactionDetails: values.showTransactionDetails,
    locale: "en-US",
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
    date(value: Date | string): string {
      return safeFormat(value, settings.dateFormat);
    },
    time(value: Date | string): string {
      return safeFormat(value, timePattern);
    },
    dateTime(value: Date | string): string {
      return `${safeFormat(value, settings.dateFormat)} ${safeFormat(value, timePattern)}`;
    },
    /** "3 hours ago"; `now` is injectable for tests. */
    relative(value: Date | string | null, now = new Date()): string {
      if (!value) return "never";
      return `${formatDistanceStrict(new Date(value), now)} ago`;
    },
  };
}

export type Display = ReturnType<typeof createDisplay>;

function safeFormat(value: Date | string, pattern: string): string {
  const date = new Date(value);
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
