// The cluster's figures as the database holds them, read at scrape time: finished sync runs, Plaid
// calls, webhooks, alert deliveries and queued jobs, so one scrape of any web process sees every
// worker's work. Histogram buckets are counted in SQL.
//
// The four history tables only grow, so a scrape never rescans them: rows older than SETTLE_MS are
// settled, added up once (the first scrape of a process reads them whole, each later one only the rows
// that settled since) and kept by the reader; the recent rows are read fresh each time through each
// table's time index. A row is settled long after its transaction committed: Plaid calls, webhooks and
// attempts are stamped at insert, and a run's completed_at is the time it ended (a reaped run's too:
// only its duration stops at its worker's last sign of life).
import "server-only";
import { db, Prisma } from "@/lib/db";
import { JOB_QUEUES, QUEUE_SCHEMA } from "@/lib/jobs/boss";

/** Upper bounds (seconds) of the sync duration buckets: a quick incremental sync to a two-year history. */
export const SYNC_DURATION_BUCKETS = [1, 2.5, 5, 10, 30, 60, 120, 300, 900, 1800];
/** Upper bounds (seconds) of the Plaid call duration buckets. */
export const PLAID_DURATION_BUCKETS = [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

/** How old a row must be before it is counted once and for all. */
export const SETTLE_MS = 2 * 60 * 60_000;

/** Statuses a sync run ends in; pending and in_progress runs are not counted yet. */
const FINISHED_SYNC_STATUSES = ["success", "failed", "partial", "cancelled"];

export type HistogramFigures = { buckets: number[]; count: number; sum: number };

/** One label pair's figures: rows, a summed column (records), and a histogram where the source has one. */
export type Tally = { labels: [string, string]; count: number; total: number; duration: HistogramFigures };

export type MetricsFigures = {
  syncRuns: Tally[];
  plaidCalls: Tally[];
  webhooks: Tally[];
  notifications: Tally[];
  /** Jobs waiting per queue (created or retry); null before pg-boss has created its tables. */
  queuedJobs: { queue: string; jobs: number }[] | null;
};

type Source = {
  table: string;
  /** The column that stamps a row's arrival (indexed). */
  time: string;
  labels: [string, string];
  where?: Prisma.Sql;
  /** A column summed per label pair. */
  total?: string;
  histogram?: { seconds: string; bounds: number[] };
};

const SOURCES = {
  syncRuns: {
    table: "transaction_syncs",
    time: "completed_at",
    labels: ["sync_type", "status"],
    where: Prisma.sql`status IN (${Prisma.join(FINISHED_SYNC_STATUSES)})`,
    total: "records_processed",
    histogram: { seconds: "duration", bounds: SYNC_DURATION_BUCKETS },
  },
  plaidCalls: {
    table: "plaid_api_calls",
    time: "created_at",
    labels: ["endpoint", "COALESCE(error_code, '')"],
    histogram: { seconds: "duration_ms / 1000.0", bounds: PLAID_DURATION_BUCKETS },
  },
  webhooks: { table: "plaid_webhook_events", time: "received_at", labels: ["webhook_type", "webhook_code"] },
  notifications: { table: "notification_delivery_attempts", time: "created_at", labels: ["channel", "outcome"] },
} satisfies Record<string, Source>;

type SourceName = keyof typeof SOURCES;

type Range = { from?: Date; to?: Date };

async function tallyRows(source: Source, { from, to }: Range): Promise<Tally[]> {
  const raw = Prisma.raw;
  const histogram = source.histogram;
  const conditions = [
    source.where,
    from && Prisma.sql`${raw(source.time)} >= ${from}`,
    to && Prisma.sql`${raw(source.time)} < ${to}`,
  ].filter((condition): condition is Prisma.Sql => Boolean(condition));
  const buckets = histogram
    ? Prisma.sql`ARRAY[${Prisma.join(histogram.bounds.map((bound) => Prisma.sql`count(*) FILTER (WHERE ${raw(histogram.seconds)} <= ${bound}::float8)`))}]::bigint[]`
    : Prisma.sql`ARRAY[]::bigint[]`;
  const rows = await db.$queryRaw<
    { a: string; b: string; count: bigint; total: number; observed: bigint; seconds: number; buckets: bigint[] }[]
  >`
    SELECT ${raw(source.labels[0])} AS a, ${raw(source.labels[1])} AS b, count(*) AS count,
           COALESCE(sum(${raw(source.total ?? "0")}), 0)::float8 AS total,
           count(${raw(histogram?.seconds ?? "NULL")}) AS observed,
           COALESCE(sum(${raw(histogram?.seconds ?? "0")}), 0)::float8 AS seconds,
           ${buckets} AS buckets
    FROM ${raw(source.table)}
    WHERE ${conditions.length > 0 ? Prisma.join(conditions, " AND ") : Prisma.sql`true`}
    GROUP BY 1, 2`;
  return rows.map((row) => ({
    labels: [row.a, row.b],
    count: Number(row.count),
    total: Number(row.total),
    duration: { buckets: row.buckets.map(Number), count: Number(row.observed), sum: Number(row.seconds) },
  }));
}

/** Adds tallies up by label pair. */
function merge(...lists: Tally[][]): Tally[] {
  const byLabels = new Map<string, Tally>();
  for (const tally of lists.flat()) {
    const key = JSON.stringify(tally.labels);
    const seen = byLabels.get(key);
    if (!seen) {
      byLabels.set(key, { ...tally, duration: { ...tally.duration, buckets: [...tally.duration.buckets] } });
      continue;
    }
    seen.count += tally.count;
    seen.total += tally.total;
    seen.duration.count += tally.duration.count;
    seen.duration.sum += tally.duration.sum;
    seen.duration.buckets = seen.duration.buckets.map((value, index) => value + (tally.duration.buckets[index] ?? 0));
  }
  return [...byLabels.values()].sort((x, y) => x.labels.join("\0").localeCompare(y.labels.join("\0")));
}

async function readQueuedJobs(): Promise<MetricsFigures["queuedJobs"]> {
  // pg-boss creates its schema when the first worker or sender starts; until then nothing is queued.
  const [table] = await db.$queryRaw<{ exists: boolean }[]>`
    SELECT to_regclass(${`${QUEUE_SCHEMA}.job`}) IS NOT NULL AS exists`;
  if (!table?.exists) return null;
  // job_i5 (name, start_after) WHERE state < 'active' covers exactly these rows.
  const rows = await db.$queryRaw<{ name: string; jobs: bigint }[]>(
    Prisma.sql`SELECT name, count(*) AS jobs FROM ${Prisma.raw(`${QUEUE_SCHEMA}.job`)}
      WHERE state IN ('created', 'retry') GROUP BY name`,
  );
  const counts = new Map(rows.map((row) => [row.name, Number(row.jobs)]));
  return JOB_QUEUES.map((queue) => ({ queue, jobs: counts.get(queue) ?? 0 }));
}

export type MetricsReader = () => Promise<MetricsFigures>;

/**
 * A reader that keeps the settled part of each history table's figures between reads (one per
 * registry; reads must not overlap, which the registry's shared read ensures).
 */
export function createMetricsReader({ now = () => new Date() }: { now?: () => Date } = {}): MetricsReader {
  const settled = new Map<SourceName, { upTo: Date; tallies: Tally[] }>();
  const readSource = async (name: SourceName): Promise<Tally[]> => {
    const source: Source = SOURCES[name];
    const upTo = new Date(now().getTime() - SETTLE_MS);
    const before = settled.get(name);
    // Only move forward: a clock that steps back must not count a stretch twice.
    const settledNow =
      before && before.upTo >= upTo
        ? before
        : {
            upTo,
            tallies: merge(before?.tallies ?? [], await tallyRows(source, { from: before?.upTo, to: upTo })),
          };
    settled.set(name, settledNow);
    return merge(settledNow.tallies, await tallyRows(source, { from: settledNow.upTo }));
  };
  return async () => {
    const [syncRuns, plaidCalls, webhooks, notifications, queuedJobs] = await Promise.all([
      readSource("syncRuns"),
      readSource("plaidCalls"),
      readSource("webhooks"),
      readSource("notifications"),
      readQueuedJobs(),
    ]);
    return { syncRuns, plaidCalls, webhooks, notifications, queuedJobs };
  };
}
