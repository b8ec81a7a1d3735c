// The migration runner against empty databases of its own (an in-memory PGlite, or a new PostgreSQL
// database), with throwaway migration folders.
import { createHash } from "node:crypto";
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, test } from "vitest";
import { db } from "@/lib/db";
import { createPostgresDatabase, dropPostgresDatabase, testBackend } from "@/lib/test/databases";
import {
  getMigrationStatus,
  MIGRATIONS_DIR,
  type MigrationTarget,
  migrate,
  pgliteTarget,
  postgresTarget,
} from "./migrate";
import { createPGlite } from "./pglite";

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function emptyTarget(): Promise<MigrationTarget> {
  if (testBackend() === "embedded") {
    const pglite = createPGlite();
    cleanups.push(() => pglite.close());
    return pgliteTarget(pglite);
  }
  const database = await createPostgresDatabase("mingus_migrate");
  cleanups.push(() => dropPostgresDatabase(database.name));
  const target = await postgresTarget(database.url);
  cleanups.push(() => target.close());
  return target;
}

async function migrationsDir(migrations: Record<string, string>): Promise<string> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), "mingus-migrations-"));
  cleanups.push(() => fs.rm(dir, { recursive: true, force: true }));
  for (const [name, sql] of Object.entries(migrations)) {
    await fs.mkdir(path.join(dir, name));
    await fs.writeFile(path.join(dir, name, "migration.sql"), sql);
  }
  return dir;
}

const FIRST = 'CREATE TABLE "a" ("id" INTEGER PRIMARY KEY);';
const SECOND = 'CREATE TABLE "b" ("id" INTEGER PRIMARY KEY);\nINSERT INTO "a" VALUES (1);';

describe("migrate", () => {
  test("applies pending migrations in name order and records them as Prisma does", async () => {
    const target = await emptyTarget();
    const dir = await migrationsDir({ "20260102000000_second": SECOND, "20260101000000_first": FIRST });
    expect(await migrate(target, dir)).toEqual(["20260101000000_first", "20260102000000_second"]);

    const rows = await target.query<Record<string, unknown>>(
      `SELECT * FROM "_prisma_migrations" ORDER BY migration_name`,
    );
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatchObject({
      migration_name: "20260101000000_first",
      checksum: createHash("sha256").update(FIRST).digest("hex"),
      applied_steps_count: 1,
      logs: null,
      rolled_back_at: null,
    });
    expect(rows[0]?.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(rows[0]?.finished_at).toBeInstanceOf(Date);
    expect(await target.query(`SELECT id FROM "a"`)).toEqual([{ id: 1 }]);
  });

  test("creates _prisma_migrations with Prisma's exact columns", async () => {
    const target = await emptyTarget();
    await migrate(target, await migrationsDir({ "20260101000000_first": FIRST }));
    const columns = await target.query<{ column_name: string; data_type: string; is_nullable: string }>(
      `SELECT column_name, data_type, is_nullable FROM information_schema.columns
       WHERE table_name = '_prisma_migrations' ORDER BY ordinal_position`,
    );
    expect(columns.map((c) => `${c.column_name} ${c.data_type} ${c.is_nullable}`)).toEqual([
      "id character varying NO",
      "checksum character varying NO",
      "finished_at timestamp with time zone YES",
      "migration_name character varying NO",
      "logs text YES",
      "rolled_back_at timestamp with time zone YES",
      "started_at timestamp with time zone NO",
      "applied_steps_count integer NO",
    ]);
  });

  test("a second run applies nothing", async () => {
    const target = await emptyTarget();
    const dir = await migrationsDir({ "20260101000000_first": FIRST });
    await migrate(target, dir);
    expect(await migrate(target, dir)).toEqual([]);
    expect(await target.query(`SELECT migration_name FROM "_prisma_migrations"`)).toHaveLength(1);
  });

  test("refuses to run when an applied migration's file has changed, and applies nothing", async () => {
    const target = await emptyTarget();
    const dir = await migrationsDir({ "20260101000000_first": FIRST });
    await migrate(target, dir);
    await fs.writeFile(path.join(dir, "20260101000000_first", "migration.sql"), `${FIRST}\n-- edited`);
    await fs.mkdir(path.join(dir, "20260102000000_second"));
    await fs.writeFile(path.join(dir, "20260102000000_second", "migration.sql"), SECOND);

    await expect(migrate(target, dir)).rejects.toThrow(/changed since they were applied: 20260101000000_first/);
    expect(await target.query(`SELECT to_regclass('"b"') IS NULL AS absent`)).toEqual([{ absent: true }]);
    expect((await getMigrationStatus(target, dir)).modified).toEqual(["20260101000000_first"]);
  });

  test("a failing migration is rolled back whole and not recorded; earlier ones stay", async () => {
    const target = await emptyTarget();
    const dir = await migrationsDir({
      "20260101000000_first": FIRST,
      "20260102000000_broken": 'CREATE TABLE "c" ("id" INTEGER);\nSELECT * FROM "no_such_table";',
    });
    await expect(migrate(target, dir)).rejects.toThrow(/20260102000000_broken failed and was rolled back/);
    expect(await target.query(`SELECT to_regclass('"c"') IS NULL AS absent`)).toEqual([{ absent: true }]);
    const names = await target.query<{ migration_name: string }>(`SELECT migration_name FROM "_prisma_migrations"`);
    expect(names.map((n) => n.migration_name)).toEqual(["20260101000000_first"]);
    expect((await getMigrationStatus(target, dir)).pending).toEqual(["20260102000000_broken"]);
  });

  test("refuses a database migrated by newer code", async () => {
    const target = await emptyTarget();
    await migrate(target, await migrationsDir({ "20260101000000_first": FIRST, "20260102000000_second": SECOND }));
    await expect(migrate(target, await migrationsDir({ "20260101000000_first": FIRST }))).rejects.toThrow(
      /does not know: 20260102000000_second/,
    );
  });

  test.skipIf(testBackend() === "embedded")("concurrent runners apply each migration once", async () => {
    const database = await createPostgresDatabase("mingus_migrate");
    cleanups.push(() => dropPostgresDatabase(database.name));
    const targets = await Promise.all([1, 2, 3].map(() => postgresTarget(database.url)));
    for (const target of targets) cleanups.push(() => target.close());
    const dir = await migrationsDir({ "20260101000000_first": FIRST, "20260102000000_second": SECOND });

    const applied = await Promise.all(targets.map((target) => migrate(target, dir)));
    expect(applied.flat().sort()).toEqual(["20260101000000_first", "20260102000000_second"]);
  });
});

test("the project's own migrations are recorded with their file checksums", async () => {
  const rows = await db.$queryRawUnsafe<{ migration_name: string; checksum: string }[]>(
    `SELECT migration_name, checksum FROM "_prisma_migrations" WHERE finished_at IS NOT NULL`,
  );
  const names = (await fs.readdir(MIGRATIONS_DIR, { withFileTypes: true })).filter((e) => e.isDirectory());
  expect(rows).toHaveLength(names.length);
  for (const row of rows) {
    const sql = await fs.readFile(path.join(MIGRATIONS_DIR, row.migration_name, "migration.sql"));
    expect(row.checksum).toBe(createHash("sha256").update(sql).digest("hex"));
  }
});
