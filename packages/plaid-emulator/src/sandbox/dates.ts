// Calendar days as integers (days since 1970-01-01, UTC), so the generated history is the same in every
// time zone and day arithmetic never meets daylight saving.

const DAY_MS = 86_400_000;

export function toDayNumber(date: Date): number {
  return Math.floor(date.getTime() / DAY_MS);
}

/** "YYYY-MM-DD", the form Plaid uses for `date` and `authorized_date`. */
export function formatDay(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

export function parseDay(isoDay: string): number {
  return Math.floor(Date.parse(`${isoDay}T00:00:00Z`) / DAY_MS);
}

/** 0 = Sunday ... 6 = Saturday. */
export function weekdayOf(day: number): number {
  return new Date(day * DAY_MS).getUTCDay();
}

export function calendarOf(day: number): { year: number; month: number; dayOfMonth: number } {
  const date = new Date(day * DAY_MS);
  return { year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, dayOfMonth: date.getUTCDate() };
}
