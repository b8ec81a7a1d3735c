// Benchmark of the balance-history rebuild (lib/accounts/balances/rebuild.ts): one account with two
// years of history and 5,000 posted transactions, rebuilt from scratch; the target is well under a
// second. Also times the same days written one statement per day, the approach the set-based rebuild
// replaces, so both sides of the comparison come from one run. See BENCHMARKS.md.
//   PostgreSQL: createdb -h 127.0.0.1 -U postgres mingus_bench
//               DATABASE_URL=postgresql://postgres@127.0.0.1:5432/mingus_bench npm run db:migrate
//               DATABASE_URL=postgresql://postgres@127.0.0.1:5432/mingus_bench npm run bench:history
//   PGlite:     PGLITE_DATA_DIR=/tmp/mingus-bench-pglite npm run db:migrate
//               PGLITE_DATA_DIR=/tmp/mingus-bench-pglite npm run bench:history
import "server-only";
import { rebuildBalanceHistory } from "@/lib/accounts";
import { closeBackend, databaseKind, db } from "@/lib/db";

const DAYS = 730;
const TRANSACTIONS = Number(process.env.BENCH_TRANSACTIONS ?? 5_000);
const RUNS = 9;
const TARGET_MS = 1_000;

async function timed(fn: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await fn();
  return performance.now() - start;
}

const median = (values: number[]) => values.toSorted((a, b) => a - b)[Math.floor(values.length / 2)] ?? Number.NaN;

async function populate(): Promise<string> {
  const [user] = await db.$queryRaw<{ id: string }[]>`
    INSERT INTO users (email, name) VALUES ('bench-history-' || gen_random_uuid() || '@example.test', 'Bench')
    RETURNING id`;
  const [connection] = await db.$queryRaw<{ id: string }[]>`
    INSERT INTO plaid_connections (user_id, access_token, item_id, institution_id, institution_name, last_sync_at)
    VALUES (${user?.id}::uuid, 'bench:not-a-token', 'bench-item-' || gen_random_uuid(), 'ins_bench', 'Bench Bank', now())
    RETURNING id`;
  const [account] = await db.$queryRaw<{ id: string }[]>`
    INSERT INTO bank_accounts (user_id, plaid_connection_id, account_id, name, type, subtype, current_balance, last_sync_at)
    VALUES (${user?.id}::uuid, ${connection?.id}::uuid, 'bench-checking', 'Checking', 'depository', 'checking', 2500, now())
    RETURNING id`;
  const accountId = account?.id ?? "";
  // Spread over the two years; amounts from -400 to +150 (money in and out), one in 40 still pending.
  await db.$executeRaw`
    INSERT INTO transactions (bank_account_id, transaction_id, amount, date, name, pending)
    SELECT ${accountId}::uuid, 'bench-' || ${accountId} || '-' || i,
           ((i * 7919) % 55000 - 40000) / 100.0,
           current_date - ((i * ${DAYS}) / ${TRANSACTIONS}), 'Bench transaction ' || i, i % 40 = 0
    FROM generate_series(0, ${TRANSACTIONS - 1}) AS i`;
  await db.$executeRaw`
    INSERT INTO account_balances (bank_account_id, balance_type, amount, currency, source)
    VALUES (${accountId}::uuid, 'current', 2500, 'USD', 'plaid')`;
  return accountId;
}

/** The same points written the slow way: one INSERT per day, each through the row triggers. */
async function perDay(accountId: string): Promise<void> {
  const days = await db.$queryRaw<{ day: Date; amount: string }[]>`
    SELECT as_of_date AS day, amount::text FROM account_balances
    WHERE bank_account_id = ${accountId}::uuid AND source = 'calculated' ORDER BY as_of_date`;
  await db.$transaction(
    async (tx) => {
      await tx.$executeRaw`DELETE FROM account_balances WHERE bank_account_id = ${accountId}::uuid AND source = 'calculated'`;
      for (const { day, amount } of days) {
        await tx.$executeRaw`
          INSERT INTO account_balances (bank_account_id, balance_type, amount, currency, as_of_date, is_current, source)
          VALUES (${accountId}::uuid, 'current', ${amount}::numeric, 'USD', ${day}, false, 'calculated')`;
      }
    },
    { timeout: 600_000, maxWait: 60_000 },
  );
}

async function main() {
  console.log(`database: ${databaseKind()}`);
  const accountId = await populate();
  const first = await rebuildBalanceHistory({ accountIds: [accountId] });
  console.log(`account: ${TRANSACTIONS} transactions over ${DAYS} days; ${first.points} calculated points`);

  const setBased: number[] = [];
  const oneByOne: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    setBased.push(await timed(() => rebuildBalanceHistory({ accountIds: [accountId] })));
    if (run < 3) oneByOne.push(await timed(() => perDay(accountId)));
  }
  console.log(
    `set-based rebuild, ${RUNS} runs: median ${median(setBased).toFixed(1)} ms, max ${Math.max(...setBased).toFixed(1)} ms`,
  );
  console.log(`target: under ${TARGET_MS} ms (median is ${((median(setBased) / TARGET_MS) * 100).toFixed(1)}% of it)`);
  console.log(`one INSERT per day, ${oneByOne.length} runs: median ${median(oneByOne).toFixed(1)} ms`);
  console.log(`set-based is ${(median(oneByOne) / median(setBased)).toFixed(1)}x faster`);
  await db.$executeRaw`DELETE FROM users WHERE id = (SELECT user_id FROM bank_accounts WHERE id = ${accountId}::uuid)`;
}

try {
  await main();
} finally {
  await closeBackend();
}
