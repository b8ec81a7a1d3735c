// The benchmark's yardstick: PostgreSQL's own bulk load. The rows the sync wrote are read back, written
// as CSV to a world-readable temporary file, and loaded with a server-side `COPY transactions (…) FROM
// '<file>'` into the emptied table (same columns, same indexes) — no client round trips at all, so
// the fastest way these rows can get into this table. Needs a superuser (or pg_read_server_files) and a
// server on this host, as the bench's scratch database is.
import "server-only";
import { chmod, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { db } from "@/lib/db";

// The columns the engine's upsert writes; id, created_at and updated_at take their defaults in both.
const COLUMNS = [
  "bank_account_id",
  "transaction_id",
  "amount",
  "iso_currency_code",
  "date",
  "authorized_date",
  "name",
  "merchant_name",
  "pending",
  "pending_transaction_id",
  "category_primary",
  "category_detailed",
  "payment_channel",
];

// CSV as COPY reads it: an unquoted empty field is NULL, a quoted one is the empty string.
const field = (value: string | null) => (value === null ? "" : `"${value.replaceAll('"', '""')}"`);

/** The table's rows as COPY input. */
async function dumpRows(): Promise<{ csv: string; rows: number }> {
  const rows = await db.$queryRawUnsafe<Record<string, string | null>[]>(
    `SELECT ${COLUMNS.map((column) => `${column}::text AS ${column}`).join(", ")} FROM transactions`,
  );
  const csv = rows.map((row) => COLUMNS.map((column) => field(row[column] ?? null)).join(",")).join("\n");
  return { csv: `${csv}\n`, rows: rows.length };
}

export async function assertCanCopyFromFile(): Promise<void> {
  const [role] = await db.$queryRaw<{ allowed: boolean }[]>`
    SELECT rolsuper OR pg_has_role(current_user, 'pg_read_server_files', 'MEMBER') AS allowed
    FROM pg_roles WHERE rolname = current_user`;
  if (!role?.allowed) {
    throw new Error("COPY from a file needs a superuser (or pg_read_server_files): connect as postgres.");
  }
}

/**
 * Times `runs` loads of the table's current rows by COPY into the emptied table (median), and leaves
 * the rows loaded. Returns the row count and the median seconds.
 */
export async function timeCopy({ runs = 3 }: { runs?: number } = {}): Promise<{ rows: number; seconds: number }> {
  const { csv, rows } = await dumpRows();
  const folder = await mkdtemp(join(tmpdir(), "mingus-bench-copy-"));
  const file = join(folder, "transactions.csv");
  try {
    await writeFile(file, csv);
    // The server process reads it as its own user.
    await chmod(folder, 0o755);
    await chmod(file, 0o644);
    const times: number[] = [];
    for (let run = 0; run < runs; run++) {
      await db.$executeRawUnsafe(`TRUNCATE transactions`);
      const started = performance.now();
      const copied = await db.$executeRawUnsafe(
        `COPY transactions (${COLUMNS.join(", ")}) FROM '${file.replaceAll("'", "''")}' WITH (FORMAT csv)`,
      );
      times.push((performance.now() - started) / 1000);
      if (copied !== rows) throw new Error(`COPY loaded ${copied} rows, expected ${rows}`);
    }
    times.sort((a, b) => a - b);
    return { rows, seconds: times[Math.floor(times.length / 2)] as number };
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
}
