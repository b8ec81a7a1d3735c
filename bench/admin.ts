// Benchmark of the admin page's data at scale: fills an empty scratch PostgreSQL database with 2,000
// connections and 1,000,000 syncs (through the triggers), then times getAdminDashboard. See BENCHMARKS.md.
//   createdb -h 127.0.0.1 -U postgres mingus_bench
//   DATABASE_URL=postgresql://postgres@127.0.0.1:5432/mingus_bench npm run db:migrate
//   DATABASE_URL=postgresql://postgres@127.0.0.1:5432/mingus_bench npm run bench:admin
import "server-only";
import { getAdminDashboard } from "@/lib/admin/dashboard";
import { type AdminQuery, DEFAULT_QUERY } from "@/lib/admin/params";
import { closeBackend, databaseKind, db } from "@/lib/db";

const SYNCS = Number(process.env.BENCH_SYNCS ?? 1_000_000);
const CONNECTIONS = 2_000;
const USERS = 500;
// Rows per INSERT statement (each its own transaction). Bigger statements pile up row versions of the
// rows every sync touches (its connection, its accounts, its aggregates) inside one transaction.
const BATCH = 10_000;
const RUNS = 15;
const VIEW_RUNS = 3;

async function timed<T>(fn: () => Promise<T>): Promise<[number, T]> {
  const start = performance.now();
  const value = await fn();
  return [performance.now() - start, value];
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;
}

// Ids derived from numbers, so syncs can name their connection and account inside one INSERT … SELECT.
const conn = (n: string) => `md5('bench-conn-' || ${n})::uuid`;
const acct = (n: string, k: string) => `md5('bench-acct-' || ${n} || '-' || ${k})::uuid`;

async function populate(): Promise<void> {
  await db.$executeRawUnsafe(`
    INSERT INTO users (id, email, name)
    SELECT md5('bench-user-' || u)::uuid, 'bench-' || u || '@example.test', 'Bench ' || u
    FROM generate_series(0, ${USERS - 1}) u`);
  await db.$executeRawUnsafe(`
    INSERT INTO plaid_connections (id, user_id, access_token, item_id, institution_id, institution_name,
      requires_reauth, error_count, last_error, last_error_at, sync_frequency)
    SELECT ${conn("c")}, md5('bench-user-' || (c % ${USERS}))::uuid, 'bench:not-a-token', 'bench-item-' || c,
      'ins_bench_' || (c % 25), 'Bench Institution ' || (c % 25),
      c % 50 = 0, CASE WHEN c % 17 = 0 THEN 3 ELSE 0 END,
      CASE WHEN c % 17 = 0 THEN 'INSTITUTION_DOWN: bench' END, CASE WHEN c % 17 = 0 THEN now() END,
      CASE WHEN c % 3 = 0 THEN 'hourly' ELSE 'daily' END
    FROM generate_series(0, ${CONNECTIONS - 1}) c`);
  await db.$executeRawUnsafe(`
    INSERT INTO bank_accounts (id, user_id, plaid_connection_id, account_id, name, type, current_balance)
    SELECT ${acct("c", "k")}, md5('bench-user-' || (c % ${USERS}))::uuid, ${conn("c")}, 'acct-' || k,
      CASE k WHEN 0 THEN 'Checking' ELSE 'Savings' END, 'depository', 1000 + c
    FROM generate_series(0, ${CONNECTIONS - 1}) c, generate_series(0, 1) k`);
}

/**
 * Syncs [from, to): round robin over the connections, 180 days in time order; every fifth round is of
 * one account (the two in turn), the rest connection-wide; 93% success, 4% failed, 2% partial, 1% cancelled.
 */
function insertSyncs(from: number, to: number): Promise<number> {
  return db.$executeRawUnsafe(insertSql(from, to));
}

function insertSql(from: number, to: number): string {
  return `
    INSERT INTO transaction_syncs (plaid_connection_id, bank_account_id, sync_type, status, started_at,
      completed_at, duration, records_processed, records_failed)
    SELECT ${conn(`(i % ${CONNECTIONS})`)},
      CASE WHEN (i / ${CONNECTIONS}) % 5 = 0 THEN ${acct(`(i % ${CONNECTIONS})`, `((i / ${CONNECTIONS * 5}) % 2)`)} END,
      'scheduled', s.status, s.started_at,
      s.started_at + s.duration * interval '1 second', s.duration, i % 50,
      CASE WHEN s.status = 'partial' THEN 2 ELSE 0 END
    FROM generate_series(${from}::bigint, ${to - 1}::bigint) i,
    LATERAL (SELECT
      CASE WHEN (i * 7919) % 100 < 93 THEN 'success' WHEN (i * 7919) % 100 < 97 THEN 'failed'
           WHEN (i * 7919) % 100 < 99 THEN 'partial' ELSE 'cancelled' END AS status,
      now() - interval '180 days' + (i::float8 / ${SYNCS}) * interval '180 days' AS started_at,
      0.5 + ((i * 31) % 300) / 10.0 AS duration) s`;
}

/** The first 10,000 syncs again (same connections and days), with and without the aggregate trigger,
 * each rolled back, alternating: what the trigger adds to an insert. */
async function probeTriggerCost(): Promise<void> {
  const rollback = new Error("rollback");
  const run = async (withAggregates: boolean) => {
    let ms = 0;
    await db
      .$transaction(
        async (tx) => {
          if (!withAggregates) {
            await tx.$executeRawUnsafe(`ALTER TABLE transaction_syncs DISABLE TRIGGER sync_stats_insert_trigger`);
          }
          [ms] = await timed(() => tx.$executeRawUnsafe(insertSql(0, BATCH)));
          throw rollback;
        },
        { timeout: 600_000 },
      )
      .catch((error) => {
        if (error !== rollback) throw error;
      });
    return (ms / BATCH) * 1000;
  };
  const with_: number[] = [];
  const without: number[] = [];
  for (let i = 0; i < 3; i++) {
    without.push(await run(false));
    with_.push(await run(true));
  }
  const median = (values: number[]) => [...values].sort((a, b) => a - b)[1] ?? Number.NaN;
  console.log(
    `insert probe (${BATCH} rows, median of 3): ${median(without).toFixed(0)} µs/row without the aggregate trigger, ` +
      `${median(with_).toFixed(0)} µs/row with it`,
  );
}

/** A digest of both aggregate tables, to compare the trigger's work with a rebuild. */
const FINGERPRINT = `SELECT md5((SELECT string_agg(t::text, ';' ORDER BY plaid_connection_id, scope_id) FROM sync_stats_totals t)
  || (SELECT string_agg(d::text, ';' ORDER BY day, shard) FROM sync_stats_daily d)) AS digest`;

async function fingerprint(): Promise<string> {
  const [row] = await db.$queryRawUnsafe<[{ digest: string }]>(FINGERPRINT);
  return row.digest;
}

/** Creates the users, connections and accounts, then the syncs, through every trigger. */
async function load(): Promise<void> {
  const [{ users }] = await db.$queryRawUnsafe<[{ users: number }]>(`SELECT count(*)::int AS users FROM users`);
  if (users > 0) {
    throw new Error("The database is not empty: point DATABASE_URL at a fresh, migrated scratch database.");
  }
  const [setupMs] = await timed(populate);
  console.log(`users ${USERS}, connections ${CONNECTIONS}, accounts ${CONNECTIONS * 2}: ${setupMs.toFixed(0)} ms`);

  let insertMs = 0;
  for (let from = 0; from < SYNCS; from += BATCH) {
    insertMs += (await timed(() => insertSyncs(from, Math.min(from + BATCH, SYNCS))))[0];
    const done = Math.min(from + BATCH, SYNCS);
    if (done % 100_000 === 0 || done === SYNCS) {
      console.log(
        `  ${done.toLocaleString("en-US")} syncs inserted through the triggers: ${(insertMs / 1000).toFixed(1)} s`,
      );
    }
  }
  console.log(`insert, all triggers: ${((insertMs / SYNCS) * 1000).toFixed(0)} µs/row on average`);
  await db.$executeRawUnsafe(`VACUUM ANALYZE`);
  await probeTriggerCost();
}

/** Times each scenario; returns their medians, in order. */
async function timeScenarios(scenarios: [string, AdminQuery][], label: string): Promise<number[]> {
  const medians: number[] = [];
  console.log(`\ngetAdminDashboard ${label}, ${RUNS} runs each after 2 warm-ups (ms):`);
  for (const [name, query] of scenarios) {
    for (let i = 0; i < 2; i++) await getAdminDashboard({ query });
    const times: number[] = [];
    for (let i = 0; i < RUNS; i++) times.push((await timed(() => getAdminDashboard({ query })))[0]);
    times.sort((a, b) => a - b);
    medians.push(percentile(times, 50));
    console.log(
      `  ${name.padEnd(42)} median ${percentile(times, 50).toFixed(1)}  p95 ${percentile(times, 95).toFixed(1)}`,
    );
  }
  return medians;
}

async function main(): Promise<void> {
  if (databaseKind() !== "postgresql") throw new Error("Set DATABASE_URL to a scratch PostgreSQL database.");
  // --measure-only re-times a database this script has already filled.
  if (!process.argv.includes("--measure-only")) await load();

  // The rebuild is the migration's backfill; it must reproduce what the trigger maintained. It runs in
  // a transaction that is rolled back, so the aggregates timed below are the ones the trigger kept
  // (a committed rebuild would rewrite every row, which a real install does once, at the migration).
  const before = await fingerprint();
  const rollback = new Error("rollback");
  let rebuildMs = 0;
  let after = "";
  await db
    .$transaction(
      async (tx) => {
        [rebuildMs] = await timed(() => tx.$executeRawUnsafe(`SELECT rebuild_sync_stats()`));
        [{ digest: after }] = await tx.$queryRawUnsafe<[{ digest: string }]>(FINGERPRINT);
        throw rollback;
      },
      { timeout: 600_000 },
    )
    .catch((error) => {
      if (error !== rollback) throw error;
    });
  console.log(`rebuild_sync_stats() over ${SYNCS.toLocaleString("en-US")} syncs: ${rebuildMs.toFixed(0)} ms`);
  console.log(`aggregates kept by the trigger ${before === after ? "equal" : "DIFFER FROM"} the rebuild`);
  await db.$executeRawUnsafe(`VACUUM ANALYZE`);
  const [sizes] = await db.$queryRawUnsafe<[Record<string, number>]>(
    `SELECT (SELECT count(*)::int FROM transaction_syncs) AS syncs, (SELECT count(*)::int FROM sync_stats_totals) AS totals,
            (SELECT count(*)::int FROM sync_stats_daily) AS daily`,
  );
  console.log(`rows: ${JSON.stringify(sizes)}`);

  const scenarios: [string, AdminQuery][] = [
    ["default view (30 days)", DEFAULT_QUERY],
    ["sorted by failed, 90 days", { ...DEFAULT_QUERY, sort: "failed", dir: "desc", range: 90 }],
    [
      "filtered: institution + needs attention",
      { ...DEFAULT_QUERY, institution: "institution 7", status: "attention" },
    ],
    ["page 40 of the statistics", { ...DEFAULT_QUERY, page: 40, healthPage: 20 }],
  ];
  const medians = await timeScenarios(scenarios, "as loaded (no VACUUM FULL)");
  // The seed's view, the other side of the ratio: a few runs, after one warm-up.
  await db.$queryRawUnsafe(`SELECT * FROM sync_statistics`);
  const viewTimes: number[] = [];
  for (let i = 0; i < VIEW_RUNS; i++) {
    viewTimes.push((await timed(() => db.$queryRawUnsafe(`SELECT * FROM sync_statistics`)))[0]);
  }
  viewTimes.sort((a, b) => a - b);
  const viewMedian = percentile(viewTimes, 50);
  console.log(
    `\nSELECT * FROM sync_statistics (the seed's view), ${VIEW_RUNS} runs after 1 warm-up: median ${viewMedian.toFixed(0)} ms`,
  );
  const slowest = Math.max(...medians);
  console.log(
    `ratio: the view's median / the slowest getAdminDashboard median = ${viewMedian.toFixed(0)} / ${slowest.toFixed(1)} = ${(viewMedian / slowest).toFixed(0)}×` +
      ` (default view: ${(viewMedian / (medians[0] ?? Number.NaN)).toFixed(0)}×)`,
  );
}

try {
  await main();
} finally {
  await closeBackend();
}
