// The Prometheus registries. The web process serves the cluster's figures, read from the database at
// scrape time (figures.ts), with its own process metrics; a worker serves only its process metrics
// (worker-server.ts), so the database figures are never counted twice.
import "server-only";
import { Counter, collectDefaultMetrics, Gauge, Registry } from "prom-client";
import { countAliveWorkers } from "@/lib/jobs/heartbeat";
import { log } from "@/lib/log";
import { DatabaseHistogram } from "./database-histogram";
import {
  createMetricsReader,
  type MetricsFigures,
  type MetricsReader,
  PLAID_DURATION_BUCKETS,
  SYNC_DURATION_BUCKETS,
  type Tally,
} from "./figures";
import { refusedWebhooks } from "./refused-webhooks";

const PREFIX = "mingus_";

/**
 * One read of the database per scrape: every metric's collect() runs at once when a scrape starts and
 * shares this read; the next scrape reads again. A failed read is logged and leaves those series out
 * (mingus_metrics_database_up says so) instead of failing the whole scrape.
 */
function sharedRead(read: MetricsReader): () => Promise<MetricsFigures | null> {
  let inFlight: Promise<MetricsFigures | null> | null = null;
  return () => {
    inFlight ??= read()
      .catch((error: Error) => {
        log.error({ err: error }, "metrics: the database figures could not be read");
        return null;
      })
      .finally(() => {
        inFlight = null;
      });
    return inFlight;
  };
}

type Series = { labels?: Record<string, string>; value: number };

/**
 * A counter or gauge whose values are the database's at scrape time: each collect() empties it and
 * sets what `series` finds in this scrape's read (nothing when the read failed).
 */
function databaseMetric(
  kind: "counter" | "gauge",
  {
    name,
    help,
    labelNames = [],
    registers,
    figures,
    series,
  }: {
    name: string;
    help: string;
    labelNames?: string[];
    registers: Registry[];
    figures: () => Promise<MetricsFigures | null>;
    series: (figures: MetricsFigures | null) => Series[];
  },
): void {
  const config = { name: `${PREFIX}${name}`, help, labelNames, registers };
  if (kind === "counter") {
    new Counter({
      ...config,
      async collect() {
        const rows = series(await figures());
        this.reset();
        for (const row of rows) this.inc(row.labels ?? {}, row.value);
      },
    });
    return;
  }
  new Gauge({
    ...config,
    async collect() {
      const rows = series(await figures());
      this.reset();
      for (const row of rows) this.set(row.labels ?? {}, row.value);
    },
  });
}

/** Process metrics (CPU, memory, event loop, GC) under the mingus_ prefix. */
/**
 * A counter of rows and the histogram of their durations, from one tally of this scrape's read: the
 * two labels of each row name the pair's two label names.
 */
function countAndDuration({
  registers,
  figures,
  counter: [counterName, counterHelp],
  histogram: [histogramName, histogramHelp],
  labelNames,
  buckets,
  rows,
}: {
  registers: Registry[];
  figures: () => Promise<MetricsFigures | null>;
  counter: [name: string, help: string];
  histogram: [name: string, help: string];
  labelNames: [string, string];
  buckets: number[];
  rows: (read: MetricsFigures | null) => Tally[];
}): void {
  const labels = ({ labels: [first, second] }: Tally) => ({ [labelNames[0]]: first, [labelNames[1]]: second });
  databaseMetric("counter", {
    registers,
    figures,
    name: counterName,
    help: counterHelp,
    labelNames,
    series: (read) => rows(read).map((row) => ({ labels: labels(row), value: row.count })),
  });
  new DatabaseHistogram({
    name: `${PREFIX}${histogramName}`,
    help: histogramHelp,
    labelNames,
    buckets,
    registers,
    read: async () => rows(await figures()).map((row) => ({ labels: labels(row), figures: row.duration })),
  });
}

export function createProcessRegistry(): Registry {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: PREFIX });
  return registry;
}

/** Process metrics plus the cluster's figures; `read` is swappable for tests. */
export function createClusterRegistry({ read = createMetricsReader() }: { read?: MetricsReader } = {}) {
  const registry = createProcessRegistry();
  const figures = sharedRead(read);
  const registers = [registry];

  new Gauge({
    name: `${PREFIX}metrics_database_up`,
    help: "1 when this scrape read the database figures, 0 when it could not (those series are then absent).",
    registers,
    async collect() {
      this.set((await figures()) ? 1 : 0);
    },
  });

  const common = { registers, figures };
  countAndDuration({
    registers,
    figures,
    counter: [
      "sync_runs_total",
      "Finished sync runs by type (initial, incremental, manual) and status (success, failed, partial, cancelled).",
    ],
    histogram: ["sync_duration_seconds", "Duration of finished sync runs, by type and status."],
    labelNames: ["type", "status"],
    buckets: SYNC_DURATION_BUCKETS,
    rows: (read) => read?.syncRuns ?? [],
  });
  databaseMetric("counter", {
    ...common,
    name: "transactions_synced_total",
    help: "Transactions processed by finished sync runs (added, modified and removed).",
    series: (read) => (read ? [{ value: read.syncRuns.reduce((sum, row) => sum + row.total, 0) }] : []),
  });
  countAndDuration({
    registers,
    figures,
    counter: [
      "plaid_api_calls_total",
      'Calls to Plaid (or the emulator) by endpoint and Plaid error code ("" for a success).',
    ],
    histogram: [
      "plaid_api_duration_seconds",
      'Duration of calls to Plaid by endpoint and Plaid error code ("" for a success).',
    ],
    labelNames: ["endpoint", "error_code"],
    buckets: PLAID_DURATION_BUCKETS,
    rows: (read) => read?.plaidCalls ?? [],
  });
  databaseMetric("gauge", {
    ...common,
    name: "jobs_queued",
    help: "Jobs waiting in each pg-boss queue (created or due for retry).",
    labelNames: ["queue"],
    series: (read) => (read?.queuedJobs ?? []).map((row) => ({ labels: { queue: row.queue }, value: row.jobs })),
  });
  new Gauge({
    name: `${PREFIX}workers_alive`,
    help: "Job worker processes alive.",
    registers,
    // Live heartbeats across the cluster (lib/jobs/heartbeat.ts). Without the database the scrape still
    // answers, with mingus_metrics_database_up 0 and this gauge at its last known value.
    async collect() {
      const alive = await countAliveWorkers().catch((error: unknown) => {
        log.error({ err: error }, "metrics: the live workers could not be counted");
        return null;
      });
      if (alive !== null) this.set(alive);
    },
  });
  databaseMetric("counter", {
    ...common,
    name: "webhooks_received_total",
    help: 'Plaid webhooks received by type and code: verified="true" as recorded, "false" refused by this process.',
    labelNames: ["webhook_type", "webhook_code", "verified"],
    series: (read) => [
      ...(read?.webhooks ?? []).map((row) => ({
        labels: { webhook_type: row.labels[0], webhook_code: row.labels[1], verified: "true" },
        value: row.count,
      })),
      { labels: { webhook_type: "", webhook_code: "", verified: "false" }, value: refusedWebhooks() },
    ],
  });
  databaseMetric("counter", {
    ...common,
    name: "notifications_sent_total",
    help: "Alert delivery attempts by channel and outcome (sent, failed and retried, rejected, skipped).",
    labelNames: ["channel", "status"],
    series: (read) =>
      (read?.notifications ?? []).map((row) => ({
        labels: { channel: row.labels[0], status: row.labels[1] },
        value: row.count,
      })),
  });

  return registry;
}
