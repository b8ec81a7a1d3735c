// Benchmark of the dashboard's net-worth history: one user with 50 accounts (40 in USD, 10 in GBP; a
// fifth of them credit cards and loans) and two years of daily 'current' balances each, plus two years
// of ECB rates; then times getNetWorthHistory for every range, converted into EUR. See BENCHMARKS.md.
//   createdb -h 127.0.0.1 -U postgres mingus_bench
//   DATABASE_URL=postgresql://postgres@127.0.0.1:5432/mingus_bench npm run bench:net-worth
// Without DATABASE_URL it runs on the embedded database in PGLITE_DATA_DIR (use a scratch folder).
// BENCH_KEEP=1 keeps the seeded user afterwards, to explore the query by hand.
import "@/scripts/load-env";
import { getNetWorthHistory, netWorthQuery } from "@/lib/accounts/balances/net-worth";
import { HISTORY_RANGES } from "@/lib/accounts/balances/ranges";
import { closeBackend, databaseKind, db, Prisma } from "@/lib/db";
import { migrateDatabase } from "@/lib/db/setup";
import { createBenchUser } from "./bench-user";

const ACCOUNTS = 50;
const DAYS = 730;
const RUNS = 15;
const NOW = new Date();

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;
}

async function populate(userId: string, connectionId: string): Promise<void> {
  // Accounts k = 0..49: every fifth owes (credit or loan), the last ten are in pounds.
  await db.$executeRawUnsafe(`
    INSERT INTO bank_accounts (id, user_id, plaid_connection_id, account_id, name, type, iso_currency_code, current_balance)
    SELECT md5('${userId}-' || k)::uuid, '${userId}'::uuid, '${connectionId}'::uuid, 'acct-' || k, 'Account ' || k,
      CASE WHEN k % 5 = 4 THEN 'credit' ELSE 'depository' END,
      CASE WHEN k >= ${ACCOUNTS - 10} THEN 'GBP' ELSE 'USD' END, 1000
    FROM generate_series(0, ${ACCOUNTS - 1}) k`);
  // One row a day per account, as the reconstructed daily history writes; a manual second row on Mondays.
  await db.$executeRawUnsafe(`
    INSERT INTO account_balances (bank_account_id, balance_type, amount, currency, as_of_date, is_current, source)
    SELECT md5('${userId}-' || k)::uuid, 'current', 1000 + k * 10 + (d % 97), 'USD',
      date_trunc('day', now()) - d * interval '1 day' + interval '18 hours' + r * interval '1 hour', false, 'calculated'
    FROM generate_series(0, ${ACCOUNTS - 1}) k, generate_series(0, ${DAYS - 1}) d,
      LATERAL generate_series(0, CASE WHEN d % 7 = 0 THEN 1 ELSE 0 END) r`);
  await db.$executeRawUnsafe(`
    INSERT INTO fx_rates (currency, day, rate)
    SELECT c, (now() - d * interval '1 day')::date, CASE c WHEN 'USD' THEN 1.08 + (d % 10) / 1000.0 ELSE 0.85 END
    FROM unnest(ARRAY['USD', 'GBP']) c, generate_series(0, ${DAYS - 1}) d
    WHERE extract(isodow FROM now() - d * interval '1 day') < 6
    ON CONFLICT DO NOTHING`);
}

async function main(): Promise<void> {
  await migrateDatabase();
  const started = performance.now();
  const { userId, connectionId } = await createBenchUser();
  await populate(userId, connectionId);
  // As autovacuum would after a day's syncs: the planner's statistics cover the new rows.
  await db.$executeRawUnsafe("ANALYZE bank_accounts, account_balances, fx_rates");
  const rows = await db.accountBalance.count({ where: { bankAccount: { userId } } });
  console.log(
    `${databaseKind()}: ${ACCOUNTS} accounts, ${rows} balance rows, seeded in ${Math.round(performance.now() - started)} ms`,
  );
  try {
    for (const range of HISTORY_RANGES) {
      const times: number[] = [];
      let points = 0;
      for (let run = 0; run < RUNS; run++) {
        const start = performance.now();
        const history = await getNetWorthHistory({ userId, range, displayCurrency: "EUR", now: NOW });
        times.push(performance.now() - start);
        points = history.points.length;
      }
      times.sort((a, b) => a - b);
      // The database's own time for the query, apart from the client, the pool and the machine's load.
      const plan = await db.$queryRaw<{ "QUERY PLAN": string }[]>(
        Prisma.sql`EXPLAIN (ANALYZE, TIMING OFF) ${netWorthQuery({ userId, range, displayCurrency: "EUR", now: NOW })}`,
      );
      const execution = plan.map((row) => row["QUERY PLAN"]).find((line) => line.startsWith("Execution Time"));
      console.log(
        `range ${range.padEnd(3)} ${String(points).padStart(4)} days: median ${percentile(times, 50).toFixed(1)} ms, p95 ${percentile(times, 95).toFixed(1)} ms; ${execution ?? ""}`,
      );
    }
  } finally {
    if (!process.env.BENCH_KEEP) await db.user.delete({ where: { id: userId } });
  }
}

try {
  await main();
} finally {
  await closeBackend();
}
