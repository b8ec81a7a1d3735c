// The demo year: 366 daily snapshots ending at `now`, one per UTC calendar day, so the last snapshot is
// "today" and every generator agrees on which day is a payday, a statement date or a month end.
import "server-only";

export const DAY_MS = 86_400_000;
export const HISTORY_DAYS = 366;

export interface SeedDay {
  /** 0 for the oldest day, HISTORY_DAYS - 1 for today. */
  index: number;
  /** The UTC calendar day (midnight UTC), as stored in DATE columns. */
  date: Date;
  /** The balance snapshot time: `now` minus whole days, so today's snapshot is exactly `now`. */
  asOf: Date;
  /** YYYY-MM-DD. */
  iso: string;
  dayOfMonth: number;
  /** 0 = Sunday. */
  weekday: number;
  /** 0 = January. */
  month: number;
  isLastOfMonth: boolean;
  isWeekend: boolean;
}

export function startOfUtcDay(time: Date): Date {
  return new Date(Date.UTC(time.getUTCFullYear(), time.getUTCMonth(), time.getUTCDate()));
}

export function buildCalendar(now: Date): SeedDay[] {
  return Array.from({ length: HISTORY_DAYS }, (_, index) => {
    const asOf = new Date(now.getTime() - (HISTORY_DAYS - 1 - index) * DAY_MS);
    const date = startOfUtcDay(asOf);
    const tomorrow = new Date(date.getTime() + DAY_MS);
    const weekday = date.getUTCDay();
    return {
      index,
      date,
      asOf,
      iso: date.toISOString().slice(0, 10),
      dayOfMonth: date.getUTCDate(),
      weekday,
      month: date.getUTCMonth(),
      isLastOfMonth: tomorrow.getUTCDate() === 1,
      isWeekend: weekday === 0 || weekday === 6,
    };
  });
}

/** Every other Friday, counted from a fixed Friday so paydays never move between seeds. */
export function isBiweeklyFriday(day: SeedDay): boolean {
  const daysSinceEpoch = Math.round(day.date.getTime() / DAY_MS);
  // 1970-01-02 was a Friday (day 1); paydays fall every 14 days from there.
  return day.weekday === 5 && (daysSinceEpoch - 1) % 14 === 0;
}
