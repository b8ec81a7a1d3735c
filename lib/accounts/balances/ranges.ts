// The ranges every balance chart offers (an account's history, the dashboard's net worth): 1M, 3M, 1Y
// and all time, named in the URL by their key. Older links' 30d and 90d still mean one and three months.
import { z } from "zod";

const DAY_MS = 86_400_000;

export const HISTORY_RANGES = ["1m", "3m", "1y", "all"] as const;
export type HistoryRange = (typeof HISTORY_RANGES)[number];
export const DEFAULT_HISTORY_RANGE: HistoryRange = "3m";

/** The switch's short labels. */
export const HISTORY_RANGE_LABELS: Record<HistoryRange, string> = { "1m": "1M", "3m": "3M", "1y": "1Y", all: "All" };

/** The range in words, for captions and screen readers: "the last 3 months", "all time". */
export const HISTORY_RANGE_WORDS: Record<HistoryRange, string> = {
  "1m": "the last month",
  "3m": "the last 3 months",
  "1y": "the last year",
  all: "all time",
};

/** Days shown, today included; null is all time. */
const RANGE_DAYS: Record<HistoryRange, number | null> = { "1m": 30, "3m": 90, "1y": 365, all: null };

const LEGACY: Record<string, HistoryRange> = { "30d": "1m", "90d": "3m" };

const rangeSchema = z
  .preprocess((value) => (typeof value === "string" ? (LEGACY[value] ?? value) : value), z.enum(HISTORY_RANGES))
  .catch(DEFAULT_HISTORY_RANGE);

/** A range from a query string; anything unknown is the default rather than an error. */
export function parseHistoryRange(value: unknown): HistoryRange {
  return rangeSchema.parse(value);
}

/** A range a caller named (the CSV download), or null when it names none, for a clear refusal. */
export function readHistoryRange(value: string): HistoryRange | null {
  const range = LEGACY[value] ?? value;
  return (HISTORY_RANGES as readonly string[]).includes(range) ? (range as HistoryRange) : null;
}

/** What to say about a range that names none. */
export function unknownRangeMessage(value: string): string {
  return `Unknown range "${value.slice(0, 20)}": use ${HISTORY_RANGES.join(", ")}.`;
}

/** The first UTC day of a range ending today, or null for all time. */
export function rangeStart(range: HistoryRange, now: Date): Date | null {
  const days = RANGE_DAYS[range];
  if (days === null) return null;
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  return new Date(today - (days - 1) * DAY_MS);
}

/** Over three months, chart ticks name the month and year rather than the day. */
export function isLongRange(range: HistoryRange): boolean {
  return range === "1y" || range === "all";
}
