// The cluster's figures as the database holds them, read at scrape time: finished sync runs, Plaid
// calls, webhooks, alert deliveries and queued jobs. Each is one aggregate query, so one scrape of any
// web process sees every worker's work, and histograms are counted per bucket in SQL.
import "server-only";
import { db, Prisma } from "@/lib/db";
import { JOB_QUEUES, QUEUE_SCHEMA } from "@/lib/jobs/boss";

/** Upper bounds (seconds) of the sync duration buckets: a quick incremental sync to a two-year history. */
export const SYNC_DURATION_BUCKETS = [1, 2.5, 5, 10, 30, 60, 120, 300, 900, 1800];
/** Upper bounds (seconds) of the Plaid call duration buckets. */
export const PLAID_DURATION_BUCKETS = [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

/** Statuses a sync run ends in; pending and in_progress runs are not counted yet. */
const FINISHED_SYNC_STATUSES = ["success", "failed", "partial", "cancelled"];

export type HistogramFigures = { buckets: number[]; count: number; sum: number };

export type MetricsFigures = {
  syncRuns: { type: string; status: string; runs: number; records: number; duration: HistogramFigures }[];
  plaidCalls: { endpoint: string; errorCode: string; calls: number; duration: HistogramFigures }[];
  webhooks: { webhookType: string; webhookCode: string; received: number }[];
  notifications: { channel: string; status: string; attempts: number }[];
  /** Jobs waiting per queue (created or retry); null before pg-boss has created its tables. */
  queuedJobs: { queue: string; jobs: number }[] | null;
};

/** `count(*) FILTER (WHERE column <= bound)` for each bound, as one bigint[] column named `buckets`. */
function bucketCounts(column: string, bounds: number[]): Prisma.Sql {
  const counts = bounds.map((bound) => Prisma.sql`count(*) FILTER (WHERE ${Prisma.raw(column)} <= ${bound}::float8)`);
  return Prisma.sql`ARRAY[${Prisma.join(counts)}]::bigint[] AS buckets`;
}

type HistogramRow = { buckets: bigint[]; observed: bigint; duration_sum: number | null };

function histogram(row: HistogramRow): HistogramFigures {
  return { buckets: row.buckets.map(Number), count: Number(row.observed), sum: Number(row.duration_sum ?? 0) };
}

async function readSyncRuns(): Promise<MetricsFigures["syncRuns"]> {
  const rows = await db.$queryRaw<
    (HistogramRow & { sync_type: string; status: string; runs: bigint; records: bigint })[]
  >`
    SELECT sync_type, status, count(*) AS runs, COALESCE(sum(records_processed), 0)::bigint AS records,
           count(duration) AS observed, sum(duration) AS duration_sum, ${bucketCounts("duration", SYNC_DURATION_BUCKETS)}
    FROM transaction_syncs
    WHERE status IN (${Prisma.join(FINISHED_SYNC_STATUSES)})
    GROUP BY sync_type, status
    ORDER BY sync_type, status`;
  return rows.map((row) => ({
    type: row.sync_type,
    status: row.status,
    runs: Number(row.runs),
    records: Number(row.records),
    duration: histogram(row),
  }));
}

async function readPlaidCalls(): Promise<MetricsFigures["plaidCalls"]> {
  const rows = await db.$queryRaw<(HistogramRow & { endpoint: string; error_code: string; calls: bigint })[]>`
    SELECT endpoint, COALESCE(error_code, '') AS error_code, count(*) AS calls,
           count(*) AS observed, sum(duration_ms) / 1000.0 AS duration_sum,
           ${bucketCounts("duration_ms / 1000.0", PLAID_DURATION_BUCKETS)}
    FROM plaid_api_calls
    GROUP BY 1, 2
    ORDER BY 1, 2`;
  return rows.map((row) => ({
    endpoint: row.endpoint,
    errorCode: row.error_code,
    calls: Number(row.calls),
    duration: histogram(row),
  }));
}

/** Rows of a table counted by two of its columns, as [first, second, count]. */
async function countBy(table: string, first: string, second: string): Promise<[string, string, number][]> {
  const rows = await db.$queryRaw<{ first: string; second: string; count: bigint }[]>(
    Prisma.sql`SELECT ${Prisma.raw(first)} AS first, ${Prisma.raw(second)} AS second, count(*) AS count
      FROM ${Prisma.raw(table)} GROUP BY 1, 2 ORDER BY 1, 2`,
  );
  return rows.map((row) => [row.first, row.second, Number(row.count)]);
}

async function readWebhooks(): Promise<MetricsFigures["webhooks"]> {
  const rows = await countBy("plaid_webhook_events", "webhook_type", "webhook_code");
  return rows.map(([webhookType, webhookCode, received]) => ({ webhookType, webhookCode, received }));
}

async function readNotifications(): Promise<MetricsFigures["notifications"]> {
  const rows = await countBy("notification_delivery_attempts", "channel", "outcome");
  return rows.map(([channel, status, attempts]) => ({ channel, status, attempts }));
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

/** Every figure, read concurrently. */
export async function readMetricsFigures(): Promise<MetricsFigures> {
  const [syncRuns, plaidCalls, webhooks, notifications, queuedJobs] = await Promise.all([
    readSyncRuns(),
    readPlaidCalls(),
    readWebhooks(),
    readNotifications(),
    readQueuedJobs(),
  ]);
  return { syncRuns, plaidCalls, webhooks, notifications, queuedJobs };
}
