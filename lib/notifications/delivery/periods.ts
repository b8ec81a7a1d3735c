// Digest periods, in UTC: hourly on the hour, daily from midnight, weekly from Monday midnight. A
// notification created at t belongs to the period [start, end) that contains t, and its digest is
// sent at end.
import type { NotificationFrequency } from "@/lib/db/vocabulary";

export type DigestFrequency = Exclude<NotificationFrequency, "immediate">;
export type DigestPeriod = { start: Date; end: Date };

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

export function isDigestFrequency(frequency: NotificationFrequency): frequency is DigestFrequency {
  return frequency !== "immediate";
}

export function digestPeriod(frequency: DigestFrequency, at: Date): DigestPeriod {
  const time = at.getTime();
  if (!Number.isFinite(time)) throw new RangeError("digestPeriod needs a valid date");
  if (frequency === "hourly") {
    const start = Math.floor(time / HOUR_MS) * HOUR_MS;
    return { start: new Date(start), end: new Date(start + HOUR_MS) };
  }
  const day = Math.floor(time / DAY_MS) * DAY_MS;
  if (frequency === "daily") return { start: new Date(day), end: new Date(day + DAY_MS) };
  // getUTCDay: 0 is Sunday; Monday starts the week.
  const sinceMonday = (new Date(day).getUTCDay() + 6) % 7;
  const start = day - sinceMonday * DAY_MS;
  return { start: new Date(start), end: new Date(start + 7 * DAY_MS) };
}
