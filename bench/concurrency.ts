// `npm run bench:concurrency`: how much a worker's concurrent sync slots buy when Plaid is slow. The
// emulator's latency fault holds every Plaid call for 300 ms (real Plaid's order); one `npm run worker`
// process then drains fresh connections' initial syncs, once with WORKER_CONCURRENCY=1 and once with 8,
// each on its own set of connections. Prints both wall times and the speedup. See BENCHMARKS.md.
//   createdb -h 127.0.0.1 -U postgres mingus_bench_concurrency
//   DATABASE_URL=postgresql://postgres@127.0.0.1:5432/mingus_bench_concurrency npm run db:migrate
//   DATABASE_URL=postgresql://postgres@127.0.0.1:5432/mingus_bench_concurrency npm run bench:concurrency
// Options (after `--`): --connections N (1000), --latency-ms MS (300), --transactions N per connection
// (25), --concurrency LOW,HIGH (1,8), --low-connections N (run the low concurrency on N connections only
// and extrapolate its time to --connections: printed as such).
import "@/scripts/load-env";
import { cpus } from "node:os";
import { parseArgs } from "node:util";
import type { EmulatorServer } from "@mingus/plaid-emulator/testing";
import { databaseKind, db } from "@/lib/db";
import { env } from "@/lib/env";
import {
  createSyntheticItems,
  linkItems,
  pendingRuns,
  runWithBenchEmulator,
  transactionCounts,
} from "./sync/bench-data";
import { drainThroughWorkers } from "./sync/bench-workers";

const USAGE =
  "npm run bench:concurrency -- [--connections N] [--latency-ms MS] [--transactions N] [--concurrency LOW,HIGH] " +
  "[--low-connections N]";

function wholeNumber(name: string, raw: string, min: number): number {
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min) throw new Error(`--${name} must be a whole number ≥ ${min}\n${USAGE}`);
  return value;
}

function parseOptions() {
  const { values } = parseArgs({
    options: {
      connections: { type: "string", default: "1000" },
      "latency-ms": { type: "string", default: "300" },
      transactions: { type: "string", default: "25" },
      concurrency: { type: "string", default: "1,8" },
      "low-connections": { type: "string" },
    },
  });
  const connections = wholeNumber("connections", values.connections, 1);
  const levels = values.concurrency.split(",").map((level) => wholeNumber("concurrency", level, 1));
  const [low, high] = levels;
  if (levels.length !== 2 || low === undefined || high === undefined || low >= high || high > 32) {
    throw new Error(`--concurrency takes two levels, LOW,HIGH, with LOW < HIGH ≤ 32\n${USAGE}`);
  }
  const lowConnections = values["low-connections"]
    ? wholeNumber("low-connections", values["low-connections"], 1)
    : connections;
  if (lowConnections > connections) throw new Error(`--low-connections cannot exceed --connections\n${USAGE}`);
  return {
    connections,
    latencyMs: wholeNumber("latency-ms", values["latency-ms"], 0),
    transactions: wholeNumber("transactions", values.transactions, 1),
    low,
    high,
    lowConnections,
  };
}

const fmt = (value: number) => value.toLocaleString("en-US");

type Drained = { connections: number; seconds: number; callsPerSync: number };

/** Fresh connections linked at full speed, then the latency fault, then one worker at `concurrency`. */
async function drainAt({
  server,
  templateItemId,
  workerEnv,
  concurrency,
  connections,
  transactions,
  latencyMs,
}: {
  server: EmulatorServer;
  templateItemId: string;
  workerEnv: NodeJS.ProcessEnv;
  concurrency: number;
  connections: number;
  transactions: number;
  latencyMs: number;
}): Promise<Drained> {
  const label = `concurrency-${concurrency}`;
  const itemIds = await createSyntheticItems({ templateItemId, label, count: connections, perItem: transactions });
  const linked = await linkItems({ itemIds, label });
  const connectionIds = linked.map((connection) => connection.connectionId);
  const runs = await pendingRuns(connectionIds);
  if (runs.length !== connections) throw new Error(`${runs.length} pending runs for ${connections} connections`);

  // Every Plaid call of every item, from now until the run is drained.
  const fault = await server.post("/emulator/faults", { latency_ms: latencyMs });
  if (fault.status !== 200) throw new Error(`the emulator refused the latency fault: ${JSON.stringify(fault.body)}`);
  const since = new Date();
  try {
    const drained = await drainThroughWorkers({
      workers: 1,
      connectionIds,
      runIds: runs.map((run) => run.id),
      env: { ...workerEnv, WORKER_CONCURRENCY: String(concurrency) },
    });
    if (drained.statuses.success !== connections) {
      throw new Error(`not every run succeeded: ${JSON.stringify(drained.statuses)}`);
    }
    const counts = await transactionCounts(connectionIds);
    const wrong = connectionIds.filter((id) => counts.get(id) !== transactions);
    if (wrong.length > 0) throw new Error(`${wrong.length} connections do not hold ${transactions} transactions`);
    const [calls] = await db.$queryRaw<{ calls: number }[]>`
      SELECT count(*)::int AS calls FROM plaid_api_calls
      WHERE plaid_connection_id = ANY(${connectionIds}::uuid[]) AND created_at >= ${since}`;
    return { connections, seconds: drained.seconds, callsPerSync: (calls?.calls ?? 0) / connections };
  } finally {
    await server.post("/emulator/faults/clear", {});
  }
}

function report(concurrency: number, drained: Drained): void {
  console.log(
    `concurrency ${concurrency}: ${fmt(drained.connections)} connections in ${drained.seconds.toFixed(1)} s = ` +
      `${(drained.connections / drained.seconds).toFixed(2)} syncs/s; ` +
      `${drained.callsPerSync.toFixed(1)} Plaid calls per sync during the run`,
  );
}

async function main(): Promise<void> {
  const options = parseOptions();
  if (databaseKind() !== "postgresql") throw new Error("Set DATABASE_URL to a scratch PostgreSQL database.");
  if (env.PLAID_ENV) throw new Error("Unset PLAID_ENV: the benchmark syncs from the emulator only.");
  const [{ users }] = await db.$queryRawUnsafe<[{ users: number }]>(`SELECT count(*)::int AS users FROM users`);
  if (users > 0) {
    throw new Error("The database is not empty: point DATABASE_URL at a fresh, migrated scratch database.");
  }
  const [pg] = await db.$queryRaw<{ version: string }[]>`SELECT current_setting('server_version') AS version`;
  console.log(
    `Machine: ${cpus().length} vCPU; PostgreSQL ${pg?.version}; Node.js ${process.versions.node}; ` +
      `DATABASE_POOL_SIZE ${env.DATABASE_POOL_SIZE}. Latency fault ${options.latencyMs} ms on every Plaid call; ` +
      `${options.transactions} transactions per connection; one worker process.`,
  );

  await runWithBenchEmulator(async ({ server, workerEnv, templateItemId }) => {
    const common = {
      server,
      templateItemId,
      workerEnv,
      transactions: options.transactions,
      latencyMs: options.latencyMs,
    };
    const low = await drainAt({ ...common, concurrency: options.low, connections: options.lowConnections });
    report(options.low, low);
    const high = await drainAt({ ...common, concurrency: options.high, connections: options.connections });
    report(options.high, high);

    let lowSeconds = low.seconds;
    if (options.lowConnections < options.connections) {
      lowSeconds = (low.seconds / options.lowConnections) * options.connections;
      console.log(
        `concurrency ${options.low} EXTRAPOLATED (not measured) from ${fmt(options.lowConnections)} to ` +
          `${fmt(options.connections)} connections: ${lowSeconds.toFixed(1)} s`,
      );
    }
    const speedup = lowSeconds / high.seconds;
    console.log(
      `\nTarget (concurrency ${options.high} ≥ 6× faster than ${options.low} at ${fmt(options.connections)} connections): ` +
        `${speedup >= 6 ? "met" : "NOT met"} — ${lowSeconds.toFixed(1)} s vs ${high.seconds.toFixed(1)} s = ` +
        `${speedup.toFixed(2)}×${options.lowConnections < options.connections ? " (low side extrapolated)" : ""}`,
    );
  });
}

await main();
