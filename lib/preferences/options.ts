// The choices the settings forms offer, with the words a person reads for each. Safe in the browser:
// the forms import it for their selects, and schema.ts validates against the same lists.
import {
  NOTIFICATION_FREQUENCIES,
  type NotificationFrequency,
  SYNC_FREQUENCIES,
  type SyncFrequency,
  TIME_FORMATS,
  type TimeFormat,
} from "@/lib/db/vocabulary";

/** date-fns patterns, each with how 31 January 2026 looks in it (schema.test.ts checks they agree). */
export const DATE_FORMATS = [
  { pattern: "MMM d, yyyy", example: "Jan 31, 2026" },
  { pattern: "d MMM yyyy", example: "31 Jan 2026" },
  { pattern: "yyyy-MM-dd", example: "2026-01-31" },
  { pattern: "MM/dd/yyyy", example: "01/31/2026" },
  { pattern: "dd/MM/yyyy", example: "31/01/2026" },
] as const;

export const DATE_FORMAT_PATTERNS = DATE_FORMATS.map((format) => format.pattern) as [string, ...string[]];

export const TIME_FORMAT_LABELS: Record<TimeFormat, string> = { "12h": "12-hour (3:45 PM)", "24h": "24-hour (15:45)" };

export const SYNC_FREQUENCY_LABELS: Record<SyncFrequency, string> = {
  real_time: "Real time",
  hourly: "Hourly",
  daily: "Daily",
  weekly: "Weekly",
  manual: "Only when I ask",
};

export const NOTIFICATION_FREQUENCY_LABELS: Record<NotificationFrequency, string> = {
  immediate: "Immediately",
  hourly: "Hourly digest",
  daily: "Daily digest",
  weekly: "Weekly digest",
};

/** Icon names the account pages know how to draw; the seeded accounts use some of them. */
export const ACCOUNT_ICONS = {
  wallet: "Wallet",
  "piggy-bank": "Piggy bank",
  "credit-card": "Credit card",
  bank: "Bank",
  building: "Building",
  home: "Home",
  chart: "Chart",
  document: "Document",
  coins: "Coins",
} as const;

export type AccountIcon = keyof typeof ACCOUNT_ICONS;
export const ACCOUNT_ICON_NAMES = Object.keys(ACCOUNT_ICONS) as [AccountIcon, ...AccountIcon[]];

export const CHANNELS = [
  { field: "inAppNotifications", label: "In-app" },
  { field: "emailNotifications", label: "Email" },
  { field: "pushNotifications", label: "Push" },
  { field: "smsNotifications", label: "SMS" },
] as const;

export const PRIVACY_TOGGLES = [
  { field: "shareAnalytics", label: "Share anonymous usage analytics" },
  { field: "shareAggregatedData", label: "Share aggregated, anonymised data" },
  { field: "allowMarketingEmails", label: "Marketing emails" },
] as const;

export { NOTIFICATION_FREQUENCIES, SYNC_FREQUENCIES, TIME_FORMATS };
