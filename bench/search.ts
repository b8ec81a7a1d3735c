// Benchmark of transaction search (the account page's search box, listTransactions with `q`) at
// 1,000,000 transactions in one account: the median over many searches without the trigram index and
// with it (idx_transactions_search_trgm). See BENCHMARKS.md.
//   createdb -h 127.0.0.1 -U postgres mingus_bench
//   DATABASE_URL=postgresql://postgres@127.0.0.1:5432/mingus_bench npm run bench:search
// Without DATABASE_URL it runs on the embedded database in PGLITE_DATA_DIR (use a scratch folder).
// BENCH_TRANSACTIONS changes the size; BENCH_KEEP=1 keeps the seeded user afterwards.
import "@/scripts/load-env";
import { availableParallelism, loadavg } from "node:os";
import { listTransactions } from "@/lib/accounts/transactions/list";
import { closeBackend, databaseKind, db } from "@/lib/db";
import { migrateDatabase } from "@/lib/db/setup";
import { createBenchAccount, createBenchUser } from "./bench-user";

const TRANSACTIONS = Number(process.env.BENCH_TRANSACTIONS ?? 1_000_000);
const BATCH = 50_000;
const INDEX = "idx_transactions_search_trgm";
const INDEX_SQL = `CREATE INDEX "${INDEX}" ON "transactions" USING gin ("name" gin_trgm_ops, "merchant_name" gin_trgm_ops)`;

// 600 made-up merchants from syllables, so names are varied text rather than a few repeated words.
const SYLLABLES = [
  "ka",
  "lor",
  "vin",
  "mesa",
  "tru",
  "bel",
  "dor",
  "quin",
  "sal",
  "fen",
  "ro",
  "zu",
  "ma",
  "tek",
  "pa",
];
const KINDS = ["Market", "Coffee", "Pharmacy", "Fuel", "Books", "Grill", "Hardware", "Bakery", "Transit", "Cinema"];
const MERCHANTS = Array.from({ length: 600 }, (_, n) => {
  const a = SYLLABLES[n % 15] ?? "";
  const b = SYLLABLES[Math.floor(n / 15) % 15] ?? "";
  const c = SYLLABLES[(n * 7) % 15] ?? "";
  const word = `${a}${b}${c}`;
  return `${word[0]?.toUpperCase()}${word.slice(1)} ${KINDS[Math.floor(n / 60) % 10]}`;
});
const CITIES = ["Springfield", "Riverton", "Lakeside", "Fairview", "Georgetown", "Ashland", "Clinton", "Dover"];

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;
}

const sqlArray = (values: string[]) => `ARRAY[${values.map((v) => `'${v.replace(/'/g, "''")}'`).join(",")}]`;

/**
 * Transactions [from, to): a skewed pick of merchant (a few very common, most rare), a store number
 * and a city in `name` ("CARD 4821 KALORVIN MARKET #0412 RIVERTON"), the merchant in merchant_name
 * for four in five, one a day or so over ten years.
 */
function insertSql(accountId: string, from: number, to: number): string {
  return `
    INSERT INTO transactions (bank_account_id, transaction_id, amount, date, name, merchant_name, payment_channel)
    SELECT '${accountId}'::uuid, 'bench-' || i, ((i * 7919) % 20000) / 100.0,
      current_date - (i * 3650 / ${TRANSACTIONS})::int,
      'CARD ' || lpad(((i * 31) % 10000)::text, 4, '0') || ' ' || upper(m.merchant) || ' #'
        || lpad(((i * 97) % 5000)::text, 4, '0') || ' ' || upper((${sqlArray(CITIES)})[1 + (i % ${CITIES.length})]),
      CASE WHEN i % 5 = 0 THEN NULL ELSE m.merchant END,
      CASE WHEN i % 3 = 0 THEN 'online' ELSE 'in store' END
    FROM generate_series(${from}::bigint, ${to - 1}::bigint) i,
    LATERAL (SELECT (${sqlArray(MERCHANTS)})[1 + floor(${MERCHANTS.length} * power(((i * 2654435761) % 1000003) / 1000003.0, 3))::int]
      AS merchant) m`;
}

/** Searches a person would type: merchant words and fragments (common and rare), store numbers,
 * words that match nothing, and one- and two-character searches the index cannot narrow. */
function searches(): { kind: string; q: string }[] {
  const list: { kind: string; q: string }[] = [];
  for (let n = 0; n < 40; n++) {
    const merchant = MERCHANTS[(n * 37) % MERCHANTS.length] ?? "";
    const word = merchant.split(" ")[0] ?? "";
    list.push({ kind: "merchant word", q: n % 2 ? word.toLowerCase() : word.slice(1, 6) });
  }
  for (let n = 0; n < 10; n++) list.push({ kind: "store number", q: `#${String((n * 433) % 5000).padStart(4, "0")}` });
  for (let n = 0; n < 10; n++) list.push({ kind: "no match", q: `zzq${n}xv` });
  for (const q of ["a", "k", "ma", "or"]) list.push({ kind: "1-2 characters", q });
  return list;
}

async function timeSearches(userId: string, accountId: string, label: string, passes: number): Promise<number[]> {
  const all: number[] = [];
  const byKind = new Map<string, number[]>();
  const list = searches();
  // One warm-up pass, then the timed passes.
  for (const { q } of list) await listTransactions({ userId, accountId, query: q });
  for (let pass = 0; pass < passes; pass++) {
    for (const { kind, q } of list) {
      const start = performance.now();
      await listTransactions({ userId, accountId, query: q });
      const ms = performance.now() - start;
      all.push(ms);
      byKind.set(kind, [...(byKind.get(kind) ?? []), ms]);
    }
  }
  all.sort((a, b) => a - b);
  console.log(`\n${label}: ${all.length} searches (first page + capped count), ms`);
  console.log(`  all                  median ${percentile(all, 50).toFixed(1)}  p95 ${percentile(all, 95).toFixed(1)}`);
  for (const [kind, times] of byKind) {
    times.sort((a, b) => a - b);
    console.log(
      `  ${kind.padEnd(20)} median ${percentile(times, 50).toFixed(1)}  p95 ${percentile(times, 95).toFixed(1)}`,
    );
  }
  return all;
}

async function explain(accountId: string, q: string): Promise<string[]> {
  const pattern = `%${q}%`;
  const rows = await db.$queryRawUnsafe<{ "QUERY PLAN": string }[]>(
    `EXPLAIN (ANALYZE, TIMING OFF) SELECT * FROM transactions
     WHERE bank_account_id = $1::uuid AND (name ILIKE $2 OR merchant_name ILIKE $2)
     ORDER BY date DESC, id DESC LIMIT 26`,
    accountId,
    pattern,
  );
  return rows.map((row) => row["QUERY PLAN"]);
}

async function main(): Promise<void> {
  await migrateDatabase();
  const user = await createBenchUser();
  const { userId } = user;
  const accountId = await createBenchAccount(user, "Bench");
  try {
    // Loaded without the index (faster), searched without it, then the index is built as the migration
    // builds it on an existing install, and searched again.
    await db.$executeRawUnsafe(`DROP INDEX IF EXISTS "${INDEX}"`);
    let start = performance.now();
    for (let from = 0; from < TRANSACTIONS; from += BATCH) {
      await db.$executeRawUnsafe(insertSql(accountId, from, Math.min(from + BATCH, TRANSACTIONS)));
    }
    await db.$executeRawUnsafe("ANALYZE transactions");
    console.log(
      `${databaseKind()}: ${TRANSACTIONS.toLocaleString("en-US")} transactions in one account, ` +
        `loaded in ${((performance.now() - start) / 1000).toFixed(1)} s; load average ${loadavg()[0]?.toFixed(1)}`,
    );
    const without = await timeSearches(userId, accountId, "without the trigram index", 1);

    start = performance.now();
    await db.$executeRawUnsafe(INDEX_SQL);
    await db.$executeRawUnsafe("ANALYZE transactions");
    console.log(`\n${INDEX} built in ${((performance.now() - start) / 1000).toFixed(1)} s`);
    const withIndex = await timeSearches(userId, accountId, "with the trigram index", 3);

    const uses = await Promise.all(
      searches().map(async ({ q }) => (await explain(accountId, q)).some((line) => line.includes(INDEX))),
    );
    console.log(
      `\nplans of the ${uses.length} searches that use ${INDEX}: ${uses.filter(Boolean).length} ` +
        `(the others walk idx_transactions_account_date: short or very common searches, where that is cheaper)`,
    );
    const sample = MERCHANTS[99]?.split(" ")[0]?.toLowerCase() ?? "";
    console.log(
      `\nEXPLAIN ANALYZE of the page query for "${sample}":\n  ${(await explain(accountId, sample)).join("\n  ")}`,
    );
    const [a, b] = [percentile(without, 50), percentile(withIndex, 50)];
    console.log(
      `\nmedian search: ${a.toFixed(1)} ms without the index, ${b.toFixed(1)} ms with it (${(a / b).toFixed(1)}× faster); ` +
        `load average ${loadavg()[0]?.toFixed(1)} on ${availableParallelism()} CPUs`,
    );
  } finally {
    if (!process.env.BENCH_KEEP) {
      await db.transaction.deleteMany({ where: { bankAccountId: accountId } });
      await db.user.delete({ where: { id: userId } });
    }
    // The index belongs to the schema whatever happened above.
    await db.$executeRawUnsafe(INDEX_SQL.replace("CREATE INDEX", "CREATE INDEX IF NOT EXISTS"));
  }
}

try {
  await main();
} finally {
  await closeBackend();
}
