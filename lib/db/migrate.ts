// Applies prisma/migrations to either backend and records each in _prisma_migrations exactly as
// `prisma migrate deploy` does (id, SHA-256 checksum of migration.sql, name, timestamps, steps), so
// the two agree wherever Prisma's schema engine is available. Each migration runs in one transaction:
// it lands whole or not at all. An applied migration whose file changed stops everything.
import "server-only";
import { createHash, randomUUID } from "node:crypto";
import fs from "node:fs/promises";
import path from "node:path";
import type { PGlite } from "@electric-sql/pglite";
import pg from "pg";

export const MIGRATIONS_DIR = path.join(process.cwd(), "prisma", "migrations");

// The advisory lock id Prisma Migrate takes, so our runner and Prisma's never interleave.
const PRISMA_MIGRATE_LOCK_ID = 72707369;

const CREATE_MIGRATIONS_TABLE = `
CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id"                    VARCHAR(36) PRIMARY KEY NOT NULL,
    "checksum"              VARCHAR(64) NOT NULL,
    "finished_at"           TIMESTAMPTZ,
    "migration_name"        VARCHAR(255) NOT NULL,
    "logs"                  TEXT,
    "rolled_back_at"        TIMESTAMPTZ,
    "started_at"            TIMESTAMPTZ NOT NULL DEFAULT now(),
    "applied_steps_count"   INTEGER NOT NULL DEFAULT 0
)`;

export interface LocalMigration {
  name: string;
  sql: string;
  checksum: string;
}

export interface AppliedMigration {
  name: string;
  checksum: string;
  finishedAt: Date | null;
  rolledBackAt: Date | null;
}

export interface MigrationStatus {
  applied: string[];
  pending: string[];
  /** Applied migrations whose migration.sql no longer matches the recorded checksum. */
  modified: string[];
  /** Applied migrations with no folder here (the database is newer than this code). */
  missing: string[];
  /** Migrations that started and never finished (a failed `prisma migrate deploy`). */
  failed: string[];
}

export class MigrationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "MigrationError";
  }
}

/** The SQL surface the runner needs; one implementation per backend. */
export interface MigrationTarget {
  query<T>(sql: string, params?: unknown[]): Promise<T[]>;
  /** Runs fn in one transaction; `exec` takes multi-statement SQL. */
  transaction(
    fn: (tx: {
      exec(sql: string): Promise<void>;
      query(sql: string, params?: unknown[]): Promise<unknown>;
    }) => Promise<void>,
  ): Promise<void>;
  /** Holds the migration lock (across processes where the backend has several) while fn runs. */
  withLock<T>(fn: () => Promise<T>): Promise<T>;
}

export function checksum(sql: string): string {
  return createHash("sha256").update(sql, "utf8").digest("hex");
}

export async function readLocalMigrations(dir = MIGRATIONS_DIR): Promise<LocalMigration[]> {
  const entries = await fs.readdir(/* turbopackIgnore: true */ dir, { withFileTypes: true });
  const names = entries
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
  return Promise.all(
    names.map(async (name) => {
      const sql = await fs
        .readFile(/* turbopackIgnore: true */ path.join(dir, name, "migration.sql"), "utf8")
        .catch(() => {
          throw new MigrationError(`Migration ${name} has no migration.sql in ${dir}.`);
        });
      return { name, sql, checksum: checksum(sql) };
    }),
  );
}

async function readApplied(target: MigrationTarget): Promise<AppliedMigration[]> {
  const exists = await target.query<{ exists: boolean }>(
    `SELECT to_regclass('"_prisma_migrations"') IS NOT NULL AS "exists"`,
  );
  if (!exists[0]?.exists) return [];
  const rows = await target.query<{
    migration_name: string;
    checksum: string;
    finished_at: Date | null;
    rolled_back_at: Date | null;
  }>(
    `SELECT migration_name, checksum, finished_at, rolled_back_at FROM "_prisma_migrations" ORDER BY started_at, migration_name`,
  );
  return rows.map((row) => ({
    name: row.migration_name,
    checksum: row.checksum,
    finishedAt: row.finished_at,
    rolledBackAt: row.rolled_back_at,
  }));
}

export function compareMigrations(local: LocalMigration[], applied: AppliedMigration[]): MigrationStatus {
  const live = applied.filter((migration) => migration.rolledBackAt === null);
  const finished = new Map(live.filter((m) => m.finishedAt !== null).map((m) => [m.name, m]));
  const localNames = new Set(local.map((m) => m.name));
  return {
    applied: local.filter((m) => finished.has(m.name)).map((m) => m.name),
    pending: local.filter((m) => !finished.has(m.name)).map((m) => m.name),
    modified: local
      .filter((m) => finished.has(m.name) && finished.get(m.name)?.checksum !== m.checksum)
      .map((m) => m.name),
    missing: [...finished.keys()].filter((name) => !localNames.has(name)),
    failed: live.filter((m) => m.finishedAt === null).map((m) => m.name),
  };
}

export async function getMigrationStatus(target: MigrationTarget, dir = MIGRATIONS_DIR): Promise<MigrationStatus> {
  return compareMigrations(await readLocalMigrations(dir), await readApplied(target));
}

function refuseUnsafe(status: MigrationStatus): void {
  if (status.modified.length > 0) {
    throw new MigrationError(
      `Applied migration(s) changed since they were applied: ${status.modified.join(", ")}. ` +
        "Never edit an applied migration; restore the file and add a new migration instead.",
    );
  }
  if (status.failed.length > 0) {
    throw new MigrationError(
      `Migration(s) started but never finished: ${status.failed.join(", ")}. ` +
        "Inspect the database, then resolve them (prisma migrate resolve) before migrating again.",
    );
  }
  if (status.missing.length > 0) {
    throw new MigrationError(
      `The database has migration(s) this code does not know: ${status.missing.join(", ")}. ` +
        "It was migrated by a newer version of Mingus.",
    );
  }
}

/** Applies every pending migration in name order. Returns the names it applied. */
export async function migrate(target: MigrationTarget, dir = MIGRATIONS_DIR): Promise<string[]> {
  return target.withLock(async () => {
    const local = await readLocalMigrations(dir);
    await target.query(CREATE_MIGRATIONS_TABLE);
    const status = compareMigrations(local, await readApplied(target));
    refuseUnsafe(status);
    const pending = local.filter((migration) => status.pending.includes(migration.name));
    for (const migration of pending) {
      const id = randomUUID();
      try {
        await target.transaction(async (tx) => {
          await tx.query(
            `INSERT INTO "_prisma_migrations" (id, checksum, migration_name, started_at, applied_steps_count)
             VALUES ($1, $2, $3, now(), 0)`,
            [id, migration.checksum, migration.name],
          );
          await tx.exec(migration.sql);
          await tx.query(`UPDATE "_prisma_migrations" SET finished_at = now(), applied_steps_count = 1 WHERE id = $1`, [
            id,
          ]);
        });
      } catch (error) {
        throw new MigrationError(`Migration ${migration.name} failed and was rolled back: ${(error as Error).message}`);
      }
    }
    return pending.map((migration) => migration.name);
  });
}

export function pgliteTarget(pglite: PGlite): MigrationTarget {
  return {
    async query<T>(sql: string, params?: unknown[]) {
      return (await pglite.query<T>(sql, params)).rows;
    },
    async transaction(fn) {
      await pglite.transaction(async (tx) => {
        await fn({
          exec: async (sql) => {
            await tx.exec(sql);
          },
          query: (sql, params) => tx.query(sql, params),
        });
      });
    },
    // One process owns the data folder (see pglite.ts), and PGlite runs one transaction at a time.
    withLock: (fn) => fn(),
  };
}

/** A target on one dedicated PostgreSQL connection; call close() when done. */
export async function postgresTarget(url: string): Promise<MigrationTarget & { close(): Promise<void> }> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  return {
    async query<T>(sql: string, params?: unknown[]) {
      return (await client.query(sql, params)).rows as T[];
    },
    async transaction(fn) {
      await client.query("BEGIN");
      try {
        await fn({
          exec: async (sql) => {
            await client.query(sql);
          },
          query: (sql, params) => client.query(sql, params),
        });
        await client.query("COMMIT");
      } catch (error) {
        await client.query("ROLLBACK");
        throw error;
      }
    },
    async withLock(fn) {
      await client.query("SELECT pg_advisory_lock($1)", [PRISMA_MIGRATE_LOCK_ID]);
      try {
        return await fn();
      } finally {
        await client.query("SELECT pg_advisory_unlock($1)", [PRISMA_MIGRATE_LOCK_ID]);
      }
    },
    close: () => client.end(),
  };
}
