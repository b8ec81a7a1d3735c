// What the web server does with the job queue when it starts (instrumentation.ts). The embedded
// database is one process, so the server runs the workers itself; on PostgreSQL it only sends jobs to
// `npm run worker` processes, unless MINGUS_WEB_WORKERS=1 makes it a worker too.
import "server-only";
import { databaseKind } from "@/lib/db";
import { env } from "@/lib/env";
import { installProcessGuards } from "@/lib/jobs/process-guards";
import { registerJobSender } from "@/lib/jobs/runtime";
import { log } from "@/lib/log";
import { failQuietRuns, requestAgain, WORKER_LOST } from "@/lib/sync";
import { startWorkers, updateWebhookUrlsAtStart, type Workers } from "./index";

/** The embedded server shares one PGlite with the web requests: two syncs at a time at most. */
export const EMBEDDED_CONCURRENCY = 2;

const started = globalThis as typeof globalThis & { __mingusQueueStarted?: boolean };

/** Never throws: a queue that cannot start leaves the pending rows for the next start. Once per process. */
export async function startWorkersOnServer(): Promise<void> {
  if (started.__mingusQueueStarted) return;
  started.__mingusQueueStarted = true;
  // pg-boss's unawaited job ends must not stop the server when the database goes away (see
  // lib/jobs/process-guards.ts); uncaught exceptions stay with Next.js, which logs them.
  installProcessGuards({ name: "web server", exitOnUncaughtException: false });
  try {
    if (databaseKind() === "embedded") {
      await startEmbeddedWorkers();
      updateWebhookUrlsSoon();
    } else if (env.MINGUS_WEB_WORKERS) {
      const workers = await startWorkers({ concurrency: env.WORKER_CONCURRENCY, kind: "web" });
      log.info({ concurrency: env.WORKER_CONCURRENCY, workerId: workers.workerId }, "Sync workers in the web server");
      updateWebhookUrlsSoon();
    } else {
      registerJobSender();
    }
  } catch (error) {
    log.error({ err: error }, "The sync queue did not start");
  }
}

/**
 * Workers inside the web process. Nothing else can hold the embedded database, so a run still
 * in_progress belonged to this server's previous life: it is ended (WORKER_LOST) and requested again
 * now rather than after a lease.
 */
export async function startEmbeddedWorkers({
  concurrency = Math.min(EMBEDDED_CONCURRENCY, env.WORKER_CONCURRENCY),
}: {
  concurrency?: number;
} = {}): Promise<Workers> {
  const lost = await failQuietRuns({ staleBefore: new Date() });
  await requestAgain({ runs: lost, reason: WORKER_LOST });
  return startWorkers({ concurrency, kind: "web" });
}

// Once the server listens: the emulator it may serve itself must be reachable for the calls.
const WEBHOOK_CHECK_DELAY_MS = 5_000;

function updateWebhookUrlsSoon(): void {
  setTimeout(() => void updateWebhookUrlsAtStart(), WEBHOOK_CHECK_DELAY_MS).unref();
}
