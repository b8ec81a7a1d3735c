// What one Prometheus scrape of /api/metrics costs the database at a realistic size: fills an empty
// scratch PostgreSQL database with 1,000,000 syncs, 2,000,000 Plaid calls, 200,000 webhooks, 200,000
// alert attempts over 180 days and 2,000 queued jobs, then times the figures' reads: a process's first
// scrape (every settled row) and the later ones (recent rows only). See BENCHMARKS.md.
//   createdb -h 127.0.0.1 -U postgres mingus_bench_metrics
//   DATABASE_URL=postgresql://postgres@127.0.0.1:5432/mingus_bench_metrics npm run db:migrate
//   DATABASE_URL=postgresql://postgres@127.0.0.1:5432/mingus_bench_metrics npm run bench:metrics
import "server-only";
import { randomUUID } from "node:crypto";
import { closeBackend, databaseKind, db } from "@/lib/db";
import { createBoss, createQueues, sendSyncJobs } from "@/lib/jobs/boss";
import { createMetricsReader } from "@/lib/metrics/figures";
import { createClusterRegistry } from "@/lib/metrics/registry";

const SYNCS = Number(process.env.BENCH_SYNCS ?? 1_000_000);
const CALLS = Number(process.env.BENCH_CALLS ?? 2_000_000);
const EVENTS = Number(process.env.BENCH_EVENTS ?? 200_000);
const CONNECTIONS = 2_000;
const QUEUED = 2_000;
const RUNS = Number(process.env.BENCH_RUNS ?? 11);

const conn = (n: string) => `md5('bench-conn-' || ${n})::uuid`;
const ENDPOINTS = `(ARRAY['/transactions/sync','/accounts/get','/item/get','/accounts/balance/get','/institutions/get_by_id','/liabilities/get'])`;

async function populate(): Promise<void> {
  await db.$executeRawUnsafe(
    `INSERT INTO users (id, email, name) VALUES (md5('bench-user')::uuid, 'bench@example.test', 'Bench')`,
  );
  await db.$executeRawUnsafe(`
    INSERT INTO plaid_connections (id, user_id, access_token, item_id, institution_id, institution_name)
    SELECT ${conn("c")}, md5('bench-user')::uuid, 'bench:not-a-token', 'bench-item-' || c, 'ins_bench', 'Bench'
    FROM generate_series(0, ${CONNECTIONS - 1}) c`);
  // The sync_stats triggers keep the admin aggregates, which this benchmark does not read: filling the
  // tables without them (and without foreign-key checks) takes seconds instead of minutes.
  await db.$transaction(
    async (tx) => {
      await tx.$executeRawUnsafe("SET LOCAL session_replication_role = replica");
      await tx.$executeRawUnsafe(`
      INSERT INTO transaction_syncs (plaid_connection_id, sync_type, status, started_at, completed_at, duration,
        records_processed)
      SELECT ${conn(`(i % ${CONNECTIONS})`)}, (ARRAY['incremental','incremental','incremental','initial','manual'])[1 + i % 5],
        CASE WHEN (i * 7919) % 100 < 93 THEN 'success' WHEN (i * 7919) % 100 < 97 THEN 'failed'
             WHEN (i * 7919) % 100 < 99 THEN 'partial' ELSE 'cancelled' END,
        now() - (i % 259200) * interval '1 minute' - interval '1 hour', now() - (i % 259200) * interval '1 minute', 0.5 + ((i * 31) % 3000) / 10.0, i % 50
      FROM generate_series(0::bigint, ${SYNCS - 1}) i`);
      await tx.$executeRawUnsafe(`
      INSERT INTO plaid_api_calls (endpoint, plaid_connection_id, environment, status_code, error_code, duration_ms, created_at)
      SELECT ${ENDPOINTS}[1 + i % 6], ${conn(`(i % ${CONNECTIONS})`)}, 'production',
        CASE WHEN i % 50 = 0 THEN 400 ELSE 200 END,
        CASE WHEN i % 50 = 0 THEN (ARRAY['ITEM_LOGIN_REQUIRED','RATE_LIMIT_EXCEEDED','INSTITUTION_DOWN'])[1 + i % 3] END,
        20 + (i * 37) % 3000, now() - (i % 259200) * interval '1 minute'
      FROM generate_series(0::bigint, ${CALLS - 1}) i`);
      await tx.$executeRawUnsafe(`
      INSERT INTO plaid_webhook_events (body_sha256, webhook_type, webhook_code, item_id, payload, issued_at, status,
        received_at)
      SELECT md5('bench-event-' || i), (ARRAY['TRANSACTIONS','ITEM','HOLDINGS'])[1 + i % 3],
        (ARRAY['SYNC_UPDATES_AVAILABLE','WEBHOOK_UPDATE_ACKNOWLEDGED','ERROR','DEFAULT_UPDATE'])[1 + i % 4],
        'bench-item-' || (i % ${CONNECTIONS}), '{}'::jsonb, now(), 'processed',
        now() - (i % 259200) * interval '1 minute'
      FROM generate_series(0::bigint, ${EVENTS - 1}) i`);
      await tx.$executeRawUnsafe(`
      INSERT INTO notification_delivery_attempts (message_id, attempt, channel, outcome, duration_ms, created_at)
      SELECT gen_random_uuid(), 1, (ARRAY['email','push','sms'])[1 + i % 3],
        (ARRAY['sent','sent','sent','failed','rejected','skipped'])[1 + i % 6], 40,
        now() - (i % 259200) * interval '1 minute'
      FROM generate_series(0::bigint, ${EVENTS - 1}) i`);
    },
    { timeout: 30 * 60_000 },
  );
  await db.$executeRawUnsafe("ANALYZE");
  const boss = createBoss({ role: "sender" });
  await boss.start();
  await createQueues(boss);
  await sendSyncJobs(
    boss,
    Array.from({ length: QUEUED }, () => ({ connectionId: randomUUID() })),
  );
  await boss.stop({ graceful: false });
}

async function median(fn: () => Promise<unknown>): Promise<number> {
  await fn();
  const times: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    const start = performance.now();
    await fn();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)] ?? Number.NaN;
}

async function main(): Promise<void> {
  if (databaseKind() !== "postgresql") throw new Error("Set DATABASE_URL to an empty, migrated scratch database.");
  const [existing] = await db.$queryRaw<{ count: bigint }[]>`SELECT count(*) FROM transaction_syncs`;
  const reuse = process.env.BENCH_REUSE === "1";
  if (!reuse && (existing?.count ?? 0n) > 0n)
    throw new Error("The database is not empty: use a fresh scratch database.");
  const fillStart = performance.now();
  if (!reuse) await populate();
  if (reuse) console.log("BENCH_REUSE=1: timing the rows already in the database");
  else
    console.log(
      `filled ${SYNCS.toLocaleString("en")} syncs, ${CALLS.toLocaleString("en")} Plaid calls, ` +
        `${EVENTS.toLocaleString("en")} webhooks and alert attempts, ${QUEUED} queued jobs in ` +
        `${((performance.now() - fillStart) / 1000).toFixed(0)} s`,
    );
  // A process's first scrape adds every settled row up; each later one reads only the recent rows (and
  // those settled since). A fresh reader per run times the first; one kept reader times the later ones.
  const first = await median(() => createMetricsReader()());
  const reader = createMetricsReader();
  const later = await median(reader);
  console.log(`database figures, a process's first scrape (whole tables): median ${first.toFixed(0)} ms`);
  console.log(`database figures, every later scrape (recent rows only):  median ${later.toFixed(0)} ms`);
  console.log(`ratio: ${(first / later).toFixed(1)}x`);
  const registry = createClusterRegistry();
  const text = await registry.metrics();
  console.log(
    `whole scrape after the first (registry.metrics(), ${text.split("\n").filter((line) => line && !line.startsWith("#")).length} samples, ` +
      `${(text.length / 1024).toFixed(0)} KiB): median ${(await median(() => registry.metrics())).toFixed(0)} ms`,
  );
  await closeBackend();
}

await main();
