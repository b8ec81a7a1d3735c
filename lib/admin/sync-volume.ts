// Finished syncs per UTC day over the last 30 or 90 days, from the maintained sync_stats_daily (one row
// per connection and day), every day present even when nothing ran.
import "server-only";
import { db } from "@/lib/db";

const DAY_MS = 86_400_000;

export interface DailySyncVolume {
  /** YYYY-MM-DD, UTC. */
  day: string;
  total: number;
  successful: number;
  failed: number;
  partial: number;
  cancelled: number;
  /** failed / total; null on a day without syncs. */
  failureRate: number | null;
}

export function utcDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}

export async function getDailySyncVolume({
  days,
  now = new Date(),
}: {
  days: number;
  now?: Date;
}): Promise<DailySyncVolume[]> {
  const today = Date.parse(utcDay(now));
  const first = utcDay(new Date(today - (days - 1) * DAY_MS));
  const rows = await db.$queryRaw<Omit<DailySyncVolume, "failureRate">[]>`
    SELECT to_char(day, 'YYYY-MM-DD') AS day, sum(total)::int AS total, sum(successful)::int AS successful,
           sum(failed)::int AS failed, sum(partial)::int AS partial, sum(cancelled)::int AS cancelled
    FROM sync_stats_daily
    WHERE day >= ${first}::date AND day <= ${utcDay(now)}::date
    GROUP BY day`;
  const byDay = new Map(rows.map((row) => [row.day, row]));
  return Array.from({ length: days }, (_, index) => {
    const day = utcDay(new Date(today - (days - 1 - index) * DAY_MS));
    const row = byDay.get(day) ?? { day, total: 0, successful: 0, failed: 0, partial: 0, cancelled: 0 };
    return { ...row, failureRate: row.total > 0 ? row.failed / row.total : null };
  });
}
