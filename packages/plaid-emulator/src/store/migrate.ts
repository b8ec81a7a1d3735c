// The emulator's own migrations: SQL files in the package's migrations/ folder, applied in name order
// into the `plaid_emulator` schema and recorded in plaid_emulator.schema_migrations with a checksum.
// Each runs in its own transaction under a transaction-scoped advisory lock, so several processes
// sharing one database (web servers, workers) apply each migration exactly once.
import { createHash } from "node:crypto";
import fs from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { EmulatorStore, SqlTransaction } from "./store.ts";

// pg_advisory_xact_lock's two-key form: "plai" and "demu" as ASCII. A host migration that touches the
// plaid_emulator schema takes the same lock.
export const MIGRATION_LOCK_KEYS = [1886151017, 1684368757] as const;

export type EmulatorMigration = { name: string; sql: string; checksum: string };

export class EmulatorMigrationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "EmulatorMigrationError";
  }
}

/** The package's migrations/ folder, next to src/ (and to dist/ once built). */
export function defaultMigrationsDir(): string {
  return path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..", "migrations");
}

export async function readMigrations(dir = defaultMigrationsDir()): Promise<EmulatorMigration[]> {
  // Read at run time, from wherever the package is installed: bundlers must not trace it.
  const names = (await fs.readdir(/* turbopackIgnore: true */ dir)).filter((name) => name.endsWith(".sql")).sort();
  if (names.length === 0) throw new EmulatorMigrationError(`No emulator migrations in ${dir}.`);
  return Promise.all(
    names.map(async (file) => {
      const sql = await fs.readFile(/* turbopackIgnore: true */ path.join(dir, file), "utf8");
      const checksum = createHash("sha256").update(sql, "utf8").digest("hex");
      return { name: file.replace(/\.sql$/, ""), sql, checksum };
    }),
  );
}

const BOOKKEEPING = `
CREATE SCHEMA IF NOT EXISTS plaid_emulator;
CREATE TABLE IF NOT EXISTS plaid_emulator.schema_migrations (
    name TEXT PRIMARY KEY,
    checksum TEXT NOT NULL,
    applied_at TIMESTAMPTZ NOT NULL DEFAULT CURRENT_TIMESTAMP
)`;

/** The first migration not yet applied, after refusing a database this code cannot safely migrate. */
async function nextPending(tx: SqlTransaction, local: EmulatorMigration[]): Promise<EmulatorMigration | null> {
  const applied = await tx.query<{ name: string; checksum: string }>(
    "SELECT name, checksum FROM plaid_emulator.schema_migrations ORDER BY name",
  );
  const known = new Map(local.map((migration) => [migration.name, migration]));
  const unknown = applied.filter((row) => !known.has(row.name)).map((row) => row.name);
  if (unknown.length > 0) {
    throw new EmulatorMigrationError(
      `The database has emulator migration(s) this code does not know: ${unknown.join(", ")}. ` +
        "It was migrated by a newer version of the emulator.",
    );
  }
  const changed = applied.filter((row) => known.get(row.name)?.checksum !== row.checksum).map((row) => row.name);
  if (changed.length > 0) {
    throw new EmulatorMigrationError(
      `Applied emulator migration(s) changed since they were applied: ${changed.join(", ")}. ` +
        "Restore the file and add a new migration instead.",
    );
  }
  const done = new Set(applied.map((row) => row.name));
  return local.find((migration) => !done.has(migration.name)) ?? null;
}

/** Applies every pending migration; returns the names applied (empty when the schema was current). */
export async function migrateEmulatorStore(
  store: EmulatorStore,
  { migrationsDir }: { migrationsDir?: string } = {},
): Promise<string[]> {
  const local = await readMigrations(migrationsDir);
  const applied: string[] = [];
  for (;;) {
    const name = await store.transaction(async (tx) => {
      await tx.exec(`SELECT pg_advisory_xact_lock(${MIGRATION_LOCK_KEYS.join(", ")})`);
      await tx.exec(BOOKKEEPING);
      const migration = await nextPending(tx, local);
      if (!migration) return null;
      try {
        await tx.exec(migration.sql);
      } catch (error) {
        throw new EmulatorMigrationError(
          `Emulator migration ${migration.name} failed and was rolled back: ${(error as Error).message}`,
        );
      }
      await tx.query("INSERT INTO plaid_emulator.schema_migrations (name, checksum) VALUES ($1, $2)", [
        migration.name,
        migration.checksum,
      ]);
      return migration.name;
    });
    if (!name) return applied;
    applied.push(name);
  }
}
