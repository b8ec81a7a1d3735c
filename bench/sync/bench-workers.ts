// The queue part of the sync benchmark: real `npm run worker` processes (scripts/worker.ts) on the
// bench's database and emulator, a backlog sent through the queue's own functions, and the time from
// sending it until the last run finished. Connections are paused while the workers start, so their
// start-up sweep cannot begin the backlog before the clock does.
import "server-only";
import { type ChildProcess, spawn } from "node:child_process";
import { createInterface } from "node:readline";
import { db } from "@/lib/db";
import { createBoss, createQueues, sendSyncJobs } from "@/lib/jobs/boss";

export type DrainResult = {
  seconds: number;
  runs: number;
  statuses: Record<string, number>;
  /** Lines the workers logged per finished run (one per run). */
  loggedRuns: number;
};

type Worker = { child: ChildProcess; ready: Promise<void>; exited: Promise<void>; runs: number };

function startWorker({ env }: { env: NodeJS.ProcessEnv }): Worker {
  // Its own process group, so stopping it reaches tsx's node child too.
  // BENCH_CPU_PROFILE=<folder>: each worker writes a V8 CPU profile there when it stops (open it in
  // Chrome's DevTools, Performance).
  const profile = process.env.BENCH_CPU_PROFILE
    ? ["--cpu-prof", `--cpu-prof-dir=${process.env.BENCH_CPU_PROFILE}`]
    : [];
  const child = spawn("npx", ["tsx", ...profile, "--conditions=react-server", "scripts/worker.ts"], {
    env: { ...env, LOG_FORMAT: "json", LOG_LEVEL: "info" },
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
  });
  const worker: Worker = { child, ready: Promise.resolve(), exited: Promise.resolve(), runs: 0 };
  worker.exited = new Promise((resolve) => child.once("exit", () => resolve()));
  worker.ready = new Promise((resolve, reject) => {
    // The worker logs JSON lines (lib/log): its ready line, then one line per finished run.
    createInterface({ input: child.stdout as NodeJS.ReadableStream }).on("line", (line) => {
      const entry = parseLogLine(line);
      if (entry?.msg?.startsWith("Sync worker started")) resolve();
      else if (entry?.syncType !== undefined && /^sync [a-z_]+$/.test(entry.msg ?? "")) worker.runs++;
    });
    createInterface({ input: child.stderr as NodeJS.ReadableStream }).on("line", (line) => {
      if (!line.startsWith("npm warn")) console.error(`  worker ${child.pid}: ${line}`);
    });
    child.once("exit", (code) => reject(new Error(`a worker exited before it was ready (code ${code})`)));
  });
  return worker;
}

const READY_TIMEOUT_MS = 60_000;

/** The promise's value, or an error after `ms`: a benchmark never waits forever. */
async function withDeadline<T>(promise: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${message} within ${ms / 1000} s`)), ms);
  });
  try {
    return await Promise.race([promise, deadline]);
  } finally {
    clearTimeout(timer);
  }
}

function parseLogLine(line: string): { msg?: string; syncType?: unknown } | null {
  if (!line.startsWith("{")) return null;
  try {
    return JSON.parse(line) as { msg?: string; syncType?: unknown };
  } catch {
    return null;
  }
}

async function stopWorker(worker: Worker): Promise<void> {
  if (worker.child.exitCode !== null || worker.child.pid === undefined) return;
  process.kill(-worker.child.pid, "SIGTERM");
  await worker.exited;
}

/**
 * Starts `workers` worker processes, then unpauses the connections, sends one sync job per connection
 * in one insert, and waits until every run in `runIds` has ended (or `timeoutMs` passes without one).
 */
export async function drainThroughWorkers({
  workers,
  connectionIds,
  runIds,
  env,
  timeoutMs = 120_000,
}: {
  workers: number;
  connectionIds: string[];
  runIds: string[];
  env: NodeJS.ProcessEnv;
  timeoutMs?: number;
}): Promise<DrainResult> {
  await db.plaidConnection.updateMany({ where: { id: { in: connectionIds } }, data: { pausedAt: new Date() } });
  const processes = Array.from({ length: workers }, () => startWorker({ env }));
  const boss = createBoss({ role: "sender" });
  try {
    await withDeadline(
      Promise.all(processes.map((worker) => worker.ready)),
      READY_TIMEOUT_MS,
      "a worker never logged its ready line",
    );
    await boss.start();
    await createQueues(boss);

    const started = Date.now();
    await db.plaidConnection.updateMany({ where: { id: { in: connectionIds } }, data: { pausedAt: null } });
    await sendSyncJobs(
      boss,
      connectionIds.map((connectionId) => ({ connectionId })),
    );

    let ended = 0;
    let lastProgress = Date.now();
    for (;;) {
      const [row] = await db.$queryRaw<{ ended: number; last: Date | null }[]>`
        SELECT count(*) FILTER (WHERE status NOT IN ('pending', 'in_progress'))::int AS ended,
          max(completed_at) AS last
        FROM transaction_syncs WHERE id = ANY(${runIds}::uuid[])`;
      if ((row?.ended ?? 0) > ended) {
        ended = row?.ended ?? 0;
        lastProgress = Date.now();
      }
      if (ended === runIds.length) {
        const statuses = await db.transactionSync.groupBy({
          by: ["status"],
          where: { id: { in: runIds } },
          _count: true,
        });
        return {
          seconds: ((row?.last?.getTime() ?? Date.now()) - started) / 1000,
          runs: ended,
          statuses: Object.fromEntries(statuses.map((status) => [status.status, status._count])),
          loggedRuns: processes.reduce((sum, worker) => sum + worker.runs, 0),
        };
      }
      if (Date.now() - lastProgress > timeoutMs) {
        throw new Error(`the queue stalled: ${ended} of ${runIds.length} runs ended`);
      }
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  } finally {
    await boss.stop({ graceful: false }).catch(() => {});
    await Promise.all(processes.map(stopWorker));
  }
}
