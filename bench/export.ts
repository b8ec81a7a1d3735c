// Benchmark of the transactions CSV download (exportTransactionsCsv, behind /accounts/<id>/transactions.csv):
// time to the first byte, total time and how much the process's memory grows while the file streams,
// for 10,000 and 100,000 rows, beside the same file built whole in memory. See BENCHMARKS.md.
//   createdb -h 127.0.0.1 -U postgres mingus_bench
//   DATABASE_URL=postgresql://postgres@127.0.0.1:5432/mingus_bench npm run bench:export
// Without DATABASE_URL it runs on the embedded database in PGLITE_DATA_DIR (use a scratch folder).
import "@/scripts/load-env";
import { stringify } from "csv-stringify/sync";
import {
  csvResponse,
  exportTransactionsCsv,
  TRANSACTION_CSV_COLUMNS,
  transactionRecord,
} from "@/lib/accounts/csv-export";
import { closeBackend, databaseKind, db } from "@/lib/db";
import { migrateDatabase } from "@/lib/db/setup";
import { type BenchUser, createBenchAccount, createBenchUser } from "./bench-user";

const SIZES = [10_000, 100_000];
const RUNS = 3;

type Sample = { firstByteMs: number; totalMs: number; bytes: number; peakGrowthMb: number };

const gc = () => (globalThis as { gc?: () => void }).gc?.();
const heapAndBuffers = () => {
  const usage = process.memoryUsage();
  return usage.heapUsed + usage.arrayBuffers;
};

/**
 * Runs fn, which calls mark() at its first byte and sample() now and then; sample() collects garbage
 * first and records the heap and buffers still live, so the figure is what the export holds, not
 * garbage the collector has not reached yet. Growth over the start, in MB.
 */
async function measure(fn: (mark: () => void, sample: () => void) => Promise<number>): Promise<Sample> {
  gc();
  const base = heapAndBuffers();
  let peak = base;
  const sample = () => {
    gc();
    peak = Math.max(peak, heapAndBuffers());
  };
  const start = performance.now();
  let firstByteMs = Number.NaN;
  const bytes = await fn(() => {
    if (Number.isNaN(firstByteMs)) firstByteMs = performance.now() - start;
  }, sample);
  const totalMs = performance.now() - start;
  return { firstByteMs, totalMs, bytes, peakGrowthMb: (peak - base) / 1_048_576 };
}

/** The download as the route sends it: the response body read chunk by chunk, as a client would. */
async function streamed(userId: string, accountId: string): Promise<Sample> {
  return measure(async (mark, sample) => {
    const download = await exportTransactionsCsv({ userId, accountId });
    if (!download) throw new Error("the account is not the user's");
    const reader = csvResponse(download).body?.getReader();
    if (!reader) throw new Error("no body");
    let bytes = 0;
    let chunks = 0;
    for (let read = await reader.read(); !read.done; read = await reader.read()) {
      mark();
      bytes += read.value.byteLength;
      // Every 10th chunk (10,000 rows): what the stream holds while it runs.
      if (++chunks % 10 === 0) sample();
    }
    return bytes;
  });
}

/** For contrast: every row loaded, then the whole file written, before the first byte could go out. */
async function whole(accountId: string): Promise<Sample> {
  return measure(async (mark, sample) => {
    const rows = await db.transaction.findMany({
      where: { bankAccountId: accountId },
      orderBy: [{ date: "desc" }, { id: "desc" }],
    });
    const csv = stringify([[...TRANSACTION_CSV_COLUMNS], ...rows.map(transactionRecord)]);
    mark();
    // The rows and the file, both held at once, as a buffered response holds them until it is sent.
    sample();
    console.assert(rows.length >= 0);
    return Buffer.byteLength(csv);
  });
}

async function seed(user: BenchUser, size: number): Promise<string> {
  const accountId = await createBenchAccount(user, `Bench ${size}`);
  for (let from = 0; from < size; from += 50_000) {
    await db.$executeRawUnsafe(
      `INSERT INTO transactions (bank_account_id, transaction_id, amount, date, name, merchant_name, category_primary, payment_channel)
       SELECT $1::uuid, $1 || '-' || i, ((i * 7919) % 20000) / 100.0, current_date - (i / 30)::int,
              'CARD ' || lpad((i % 10000)::text, 4, '0') || ' MERCHANT ' || (i % 997) || ' SPRINGFIELD',
              'Merchant ' || (i % 997), 'GENERAL_MERCHANDISE', 'in store'
       FROM generate_series($2::int, $3::int) i`,
      accountId,
      from,
      Math.min(from + 50_000, size) - 1,
    );
  }
  return accountId;
}

function report(label: string, samples: Sample[]): Sample {
  const median = (pick: (s: Sample) => number) =>
    samples.map(pick).sort((a, b) => a - b)[Math.floor(samples.length / 2)] ?? 0;
  const result = {
    firstByteMs: median((s) => s.firstByteMs),
    totalMs: median((s) => s.totalMs),
    bytes: samples[0]?.bytes ?? 0,
    peakGrowthMb: median((s) => s.peakGrowthMb),
  };
  console.log(
    `  ${label.padEnd(34)} first byte ${result.firstByteMs.toFixed(0).padStart(6)} ms  total ${result.totalMs.toFixed(0).padStart(6)} ms  ` +
      `${(result.bytes / 1_048_576).toFixed(1).padStart(5)} MB  live memory growth ${result.peakGrowthMb.toFixed(1).padStart(6)} MB`,
  );
  return result;
}

async function main(): Promise<void> {
  if (!(globalThis as { gc?: unknown }).gc) throw new Error("Run with node --expose-gc (npm run bench:export does).");
  await migrateDatabase();
  const user = await createBenchUser();
  const { userId } = user;
  try {
    const accounts = new Map<number, string>();
    for (const size of SIZES) accounts.set(size, await seed(user, size));
    await db.$executeRawUnsafe("VACUUM ANALYZE transactions");
    console.log(`${databaseKind()}: medians of ${RUNS} runs after one warm-up`);
    const results = new Map<number, Sample>();
    for (const [size, accountId] of accounts) {
      console.log(`\n${size.toLocaleString("en-US")} rows`);
      await streamed(userId, accountId);
      const samples: Sample[] = [];
      for (let run = 0; run < RUNS; run++) samples.push(await streamed(userId, accountId));
      results.set(size, report("streamed (exportTransactionsCsv)", samples));
      const wholeSamples: Sample[] = [];
      for (let run = 0; run < RUNS; run++) wholeSamples.push(await whole(accountId));
      report("whole file in memory, for contrast", wholeSamples);
    }
    const [small, large] = SIZES.map((size) => results.get(size));
    if (small && large) {
      console.log(
        `\nstreamed, ${SIZES[1]?.toLocaleString("en-US")} vs ${SIZES[0]?.toLocaleString("en-US")} rows: first byte ` +
          `${large.firstByteMs.toFixed(0)} vs ${small.firstByteMs.toFixed(0)} ms, live memory growth ` +
          `${large.peakGrowthMb.toFixed(1)} vs ${small.peakGrowthMb.toFixed(1)} MB, total ${large.totalMs.toFixed(0)} vs ${small.totalMs.toFixed(0)} ms`,
      );
    }
  } finally {
    await db.user.delete({ where: { id: userId } });
  }
}

try {
  await main();
} finally {
  await closeBackend();
}
