// Benchmark of the sync engine: an initial sync of one connection with 100,000 transactions end to end
// (the emulator's /transactions/sync included) against the database write path alone on the same
// pages, 1,000 connections × 200 transactions drained through the queue by one and then two
// `npm run worker` processes, and PostgreSQL's COPY of the same rows for scale. See BENCHMARKS.md.
//   createdb -h 127.0.0.1 -U postgres mingus_bench_sync
//   DATABASE_URL=postgresql://postgres@127.0.0.1:5432/mingus_bench_sync npm run db:migrate
//   DATABASE_URL=postgresql://postgres@127.0.0.1:5432/mingus_bench_sync npm run bench:sync [-- --skip-workers]
// BENCH_TRANSACTIONS, BENCH_CONNECTIONS and
// BENCH_PER_CONNECTION change the sizes.
import "@/scripts/load-env";
import { cpus, totalmem } from "node:os";
import type { TransactionsSyncResponse } from "plaid";
import { databaseKind, db } from "@/lib/db";
import { env } from "@/lib/env";
import { callPlaid } from "@/lib/plaid/client";
import { getConnectionAccessToken } from "@/lib/plaid/connection-token";
import {
  applyTransactionsPage,
  createSyncRun,
  executeSync,
  loadAccountMap,
  MAX_PAGE_SIZE,
  toTransactionRows,
} from "@/lib/sync/engine";
import { claimSync, releaseSync } from "@/lib/sync/queue/lease";
import { assertCanCopyFromFile, timeCopy } from "./bench-copy";
import { createSyntheticItems, linkItems, pendingRuns, runWithBenchEmulator, transactionCounts } from "./bench-data";
import { drainThroughWorkers } from "./bench-workers";

const TRANSACTIONS = Number(process.env.BENCH_TRANSACTIONS ?? 100_000);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 1_000);
const PER_CONNECTION = Number(process.env.BENCH_PER_CONNECTION ?? 200);
const SKIP_WORKERS = process.argv.includes("--skip-workers");

type Line = { name: string; rows: number; seconds: number; note?: string; copy?: number };
// COPY's rate for the queue's 200,000 rows, measured after the first queue run.
let copyRate200k: number | undefined;

const rate = (rows: number, seconds: number) => Math.round(rows / seconds);
const fmt = (value: number) => value.toLocaleString("en-US");

function report(line: Line): void {
  const ratio = line.copy ? ` (${((rate(line.rows, line.seconds) / line.copy) * 100).toFixed(0)}% of COPY)` : "";
  console.log(
    `${line.name}: ${fmt(line.rows)} tx in ${line.seconds.toFixed(2)} s = ${fmt(rate(line.rows, line.seconds))} tx/s${ratio}` +
      (line.note ? `; ${line.note}` : ""),
  );
}

async function truncateTransactions(): Promise<void> {
  await db.$executeRawUnsafe(`TRUNCATE transactions`);
  // Each timed part starts with no dirty buffers left by the previous one.
  await db.$executeRawUnsafe(`CHECKPOINT`);
}

async function expectCounts(connectionIds: string[], expected: number): Promise<void> {
  const counts = await transactionCounts(connectionIds);
  const wrong = connectionIds.filter((id) => counts.get(id) !== expected);
  if (wrong.length > 0) {
    throw new Error(`${wrong.length} connections do not hold ${expected} transactions (first: ${wrong[0]})`);
  }
}

/** Every /transactions/sync page of the connection from the start, as the engine would receive them. */
async function fetchAllPages(connectionId: string): Promise<TransactionsSyncResponse[]> {
  const accessToken = await getConnectionAccessToken({ connectionId });
  const pages: TransactionsSyncResponse[] = [];
  let cursor: string | undefined;
  for (;;) {
    const page = await callPlaid({ endpoint: "/transactions/sync", connectionId }, (api) =>
      api.transactionsSync({ access_token: accessToken, cursor, count: MAX_PAGE_SIZE }),
    );
    pages.push(page);
    cursor = page.next_cursor;
    if (!page.has_more) return pages;
  }
}

/**
 * (1) One connection's initial sync through executeSync, end to end; (2) the same pages, fetched
 * beforehand, applied again to the emptied table with applyTransactionsPage alone: the write path.
 */
async function benchInitialSync(
  templateItemId: string,
): Promise<{ endToEnd: number; write: number; writeVsCopy: number }> {
  const [itemId] = await createSyntheticItems({ templateItemId, label: "single", count: 1, perItem: TRANSACTIONS });
  const [connection] = await linkItems({ itemIds: [itemId as string], label: "single" });
  if (!connection) throw new Error("the connection was not linked");
  const { connectionId } = connection;
  const [run] = await pendingRuns([connectionId]);
  if (!run) throw new Error("linking requested no sync");

  await truncateTransactions();
  const workerId = "bench-sync";
  const claim = await claimSync({ syncId: run.id, workerId, leaseMs: 3_600_000 });
  if (!claim.claimed) throw new Error(`the link's sync could not be claimed (${claim.reason})`);
  const since = new Date();
  const started = performance.now();
  const outcome = await executeSync({ syncId: run.id, workerId, heartbeat: async () => {} });
  const wall = (performance.now() - started) / 1000;
  await releaseSync({ connectionId, workerId });
  if (outcome.status !== "success") throw new Error(`the initial sync ended ${outcome.status} (${outcome.errorCode})`);
  await expectCounts([connectionId], TRANSACTIONS);
  // A page's cost must not grow with its position in the history: the first and last tenth of the
  // pages, side by side (median of each), show it.
  const [plaid] = await db.$queryRaw<{ ms: number; calls: number; first: number; last: number }[]>`
    WITH pages AS (
      SELECT duration_ms, ntile(10) OVER (ORDER BY created_at, id) AS tenth FROM plaid_api_calls
      WHERE plaid_connection_id = ${connectionId}::uuid AND endpoint = '/transactions/sync' AND created_at >= ${since}
    )
    SELECT coalesce(sum(duration_ms), 0)::float8 AS ms, count(*)::int AS calls,
      percentile_cont(0.5) WITHIN GROUP (ORDER BY duration_ms) FILTER (WHERE tenth = 1)::float8 AS first,
      percentile_cont(0.5) WITHIN GROUP (ORDER BY duration_ms) FILTER (WHERE tenth = 10)::float8 AS last
    FROM pages`;
  const [allCalls] = await db.$queryRaw<{ ms: number }[]>`
    SELECT coalesce(sum(duration_ms), 0)::float8 AS ms FROM plaid_api_calls
    WHERE plaid_connection_id = ${connectionId}::uuid AND created_at >= ${since}`;
  const plaidSeconds = (plaid?.ms ?? 0) / 1000;
  const emulatorSeconds = (allCalls?.ms ?? 0) / 1000;
  console.log(
    `  /transactions/sync, median page: ${plaid?.first?.toFixed(0)} ms in the first tenth of the history, ` +
      `${plaid?.last?.toFixed(0)} ms in the last`,
  );
  const endToEnd: Line = {
    name: "initial sync, executeSync end to end",
    rows: TRANSACTIONS,
    seconds: wall,
    note:
      `${plaid?.calls} pages; ${emulatorSeconds.toFixed(1)} s of it waiting for the in-process emulator ` +
      `(${plaidSeconds.toFixed(1)} s in /transactions/sync)`,
  };
  report(endToEnd);
  report({
    name: "initial sync, executeSync minus the emulator's time",
    rows: TRANSACTIONS,
    seconds: wall - emulatorSeconds,
  });

  const pages = await fetchAllPages(connectionId);
  const accountMap = await loadAccountMap({ connectionId });
  const bankAccountIds = [...accountMap.values()];
  const mapped = pages.map((page) => ({
    page,
    rows: toTransactionRows({ transactions: [...page.added, ...page.modified], accountIds: accountMap }).rows,
  }));
  await db.plaidConnection.update({ where: { id: connectionId }, data: { transactionsCursor: null } });
  await truncateTransactions();
  let writeSeconds = 0;
  let expected: string | null = null;
  for (const { page, rows } of mapped) {
    const pageStarted = performance.now();
    await applyTransactionsPage({
      connectionId,
      bankAccountIds,
      rows,
      removedIds: page.removed.map((removed) => removed.transaction_id),
      cursor: { expected, next: page.next_cursor },
      pagination: { startCursor: null, done: !page.has_more, restarted: false },
      received: { processed: page.added.length + page.modified.length + page.removed.length, failed: 0 },
      run: createSyncRun(),
    });
    writeSeconds += (performance.now() - pageStarted) / 1000;
    expected = page.next_cursor;
  }
  await expectCounts([connectionId], TRANSACTIONS);
  const writeLine: Line = {
    name: `write path, applyTransactionsPage × ${pages.length} pages`,
    rows: TRANSACTIONS,
    seconds: writeSeconds,
  };
  const write = rate(writeLine.rows, writeLine.seconds);
  const copy = await timeCopy();
  report({ name: "COPY of the same rows", rows: copy.rows, seconds: copy.seconds, note: "median of 3" });
  const copyRate = rate(copy.rows, copy.seconds);
  report({ ...writeLine, copy: copyRate });
  return { endToEnd: rate(endToEnd.rows, endToEnd.seconds), write, writeVsCopy: write / copyRate };
}

/** CONNECTIONS fresh connections of PER_CONNECTION transactions, drained by `workers` worker processes. */
async function benchQueue(templateItemId: string, workerEnv: NodeJS.ProcessEnv, workers: number): Promise<void> {
  await truncateTransactions();
  const label = `queue-${workers}`;
  const linkStarted = performance.now();
  const itemIds = await createSyntheticItems({ templateItemId, label, count: CONNECTIONS, perItem: PER_CONNECTION });
  const connections = await linkItems({ itemIds, label });
  const connectionIds = connections.map((connection) => connection.connectionId);
  const runs = await pendingRuns(connectionIds);
  if (runs.length !== CONNECTIONS) throw new Error(`${runs.length} pending runs for ${CONNECTIONS} connections`);
  console.log(`  ${fmt(CONNECTIONS)} connections linked in ${((performance.now() - linkStarted) / 1000).toFixed(1)} s`);

  await db.$executeRawUnsafe(`CHECKPOINT`);
  const drained = await drainThroughWorkers({
    workers,
    connectionIds,
    runIds: runs.map((run) => run.id),
    env: workerEnv,
  });
  const ok = drained.statuses.success === CONNECTIONS;
  await expectCounts(connectionIds, PER_CONNECTION);
  const rows = CONNECTIONS * PER_CONNECTION;
  const line: Line = {
    name: `queue, ${workers} worker process${workers > 1 ? "es" : ""} × ${env.WORKER_CONCURRENCY} slots`,
    rows,
    seconds: drained.seconds,
    note: `${(drained.runs / drained.seconds).toFixed(1)} runs/s; runs ${JSON.stringify(drained.statuses)}${ok ? "" : " (NOT ALL SUCCEEDED)"}`,
  };
  if (workers === 1) {
    const copy = await timeCopy();
    report({
      name: `COPY of the same ${fmt(copy.rows)} rows`,
      rows: copy.rows,
      seconds: copy.seconds,
      note: "median of 3",
    });
    copyRate200k = rate(copy.rows, copy.seconds);
  }
  report({ ...line, copy: copyRate200k });
  if (!ok) throw new Error(`not every run succeeded: ${JSON.stringify(drained.statuses)}`);
}

async function describeMachine(): Promise<void> {
  const [pg] = await db.$queryRaw<{ version: string }[]>`SELECT current_setting('server_version') AS version`;
  const cpu = cpus();
  const backend = `PostgreSQL ${pg?.version}; pool ${env.DATABASE_POOL_SIZE}; worker slots ${env.WORKER_CONCURRENCY}`;
  console.log(
    `Machine: ${cpu.length} vCPU (${cpu[0]?.model.trim()}), ${Math.round(totalmem() / 2 ** 30)} GB RAM; ` +
      `Node.js ${process.versions.node}; ${backend}`,
  );
}

const percent = (ratio: number) => `${(ratio * 100).toFixed(0)}%`;

async function main(): Promise<void> {
  if (databaseKind() !== "postgresql") throw new Error("Set DATABASE_URL to a scratch PostgreSQL database.");
  if (env.PLAID_ENV) throw new Error("Unset PLAID_ENV: the benchmark syncs from the emulator only.");
  const [{ users }] = await db.$queryRawUnsafe<[{ users: number }]>(`SELECT count(*)::int AS users FROM users`);
  if (users > 0) {
    throw new Error("The database is not empty: point DATABASE_URL at a fresh, migrated scratch database.");
  }
  await assertCanCopyFromFile();
  await describeMachine();

  await runWithBenchEmulator(async ({ workerEnv, templateItemId }) => {
    console.log(`\n(1) one connection, ${fmt(TRANSACTIONS)} transactions, initial sync (pages of ${MAX_PAGE_SIZE})`);
    const initial = await benchInitialSync(templateItemId);
    if (!SKIP_WORKERS) {
      for (const workers of [1, 2]) {
        console.log(`\n(2) ${fmt(CONNECTIONS)} connections × ${PER_CONNECTION} transactions, ${workers} worker(s)`);
        await benchQueue(templateItemId, workerEnv, workers);
      }
    }
    const endToEndVsWrite = initial.endToEnd / initial.write;
    console.log(
      `\nTarget (initial sync end to end ≥ 50% of the write path's rate): ` +
        `${endToEndVsWrite >= 0.5 ? "met" : "NOT met"} — ${fmt(initial.endToEnd)} tx/s end to end, ` +
        `${fmt(initial.write)} tx/s write path: ${percent(endToEndVsWrite)}`,
    );
    console.log(
      `Target (write path ≥ 25% of COPY): ${initial.writeVsCopy >= 0.25 ? "met" : "NOT met"} — ${percent(initial.writeVsCopy)}`,
    );
  });
}

await main();
