// `npm run worker`: a sync worker process on PostgreSQL. Any number of them (and web servers) share the
// queue; each runs --concurrency syncs at once, logs one line per run (lib/log: JSON in production),
// and on SIGTERM or SIGINT stops taking jobs, lets its current syncs finish (or stops and re-requests
// them after a grace period).
import "@/scripts/load-env";
import { closeBackend, databaseKind } from "@/lib/db/client";
import { env } from "@/lib/env";
import { installProcessGuards } from "@/lib/jobs/process-guards";
import { log } from "@/lib/log";
import { startWorkerMetricsServer } from "@/lib/metrics";
import { DEFAULT_LEASE_MS, startWorkers, updateWebhookUrlsAtStart } from "@/lib/workers";
import { parseWorkerArgs, WORKER_USAGE } from "./worker-options";

const GRACE_MS = 25_000;

async function main(): Promise<number> {
  const parsed = parseWorkerArgs(process.argv.slice(2), {
    concurrency: env.WORKER_CONCURRENCY,
    leaseMs: DEFAULT_LEASE_MS,
  });
  if ("help" in parsed) {
    process.stdout.write(`${WORKER_USAGE}\n`);
    return 0;
  }
  if ("error" in parsed) {
    process.stderr.write(`${parsed.error}\n\n${WORKER_USAGE}\n`);
    return 2;
  }
  if (databaseKind() === "embedded") {
    log.fatal(
      "npm run worker needs PostgreSQL (set DATABASE_URL). On the embedded database the web server " +
        "(npm run dev or npm start) runs the sync jobs itself: PGlite allows one process per data folder.",
    );
    return 1;
  }
  // A lost database never ends the worker: it logs, waits, and carries on when the database returns.
  installProcessGuards({ name: "sync worker", exitOnUncaughtException: true });
  const { concurrency, leaseMs } = parsed.options;
  if (concurrency + 2 > env.DATABASE_POOL_SIZE) {
    process.stderr.write(
      `--concurrency ${concurrency} needs DATABASE_POOL_SIZE of at least ${concurrency + 2} (it is ${env.DATABASE_POOL_SIZE}): ` +
        "each sync slot holds a connection, and the heartbeat and the sweep need their own.\n",
    );
    return 2;
  }
  const workers = await startWorkers({ concurrency, leaseMs });
  log.info(
    { workerId: workers.workerId, concurrency, leaseSeconds: leaseMs / 1000 },
    "Sync worker started; Ctrl-C stops it",
  );
  // Its own process metrics for Prometheus; the cluster's figures come from the web server's /api/metrics.
  const metrics =
    env.WORKER_METRICS_PORT !== undefined && env.METRICS_TOKEN
      ? await startWorkerMetricsServer({ port: env.WORKER_METRICS_PORT, token: env.METRICS_TOKEN })
      : null;
  if (metrics) log.info({ port: metrics.port }, "Worker metrics served at /metrics (bearer METRICS_TOKEN)");
  await updateWebhookUrlsAtStart();

  await new Promise<void>((resolve) => {
    process.once("SIGTERM", () => resolve());
    process.once("SIGINT", () => resolve());
  });
  // A second signal does not wait: the runs left in progress are reaped and retried by other workers.
  const force = () => process.exit(130);
  process.once("SIGTERM", force);
  process.once("SIGINT", force);
  log.info({ graceSeconds: GRACE_MS / 1000 }, "Stopping: finishing the current syncs");
  await workers.stop({ graceMs: GRACE_MS });
  await metrics?.close();
  await closeBackend();
  log.info("Sync worker stopped");
  return 0;
}

process.exitCode = await main().catch((error: unknown) => {
  log.fatal({ err: error }, "Sync worker failed");
  return 1;
});
