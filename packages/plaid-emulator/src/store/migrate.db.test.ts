// The emulator's migration runner on empty databases of its own: the package's migrations once, under
// concurrency too; a changed or unknown migration refused; a failing one rolled back whole; and the
// first requests to a fresh store migrating it exactly once.
import { createHash } from "node:crypto";
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { createPlaidEmulator } from "../emulator.ts";
import { createTestDatabase, type TestDatabase } from "../test-support/databases.ts";
import { defaultMigrationsDir, EmulatorMigrationError, migrateEmulatorStore } from "./migrate.ts";

const databases: TestDatabase[] = [];
const folders: string[] = [];
afterEach(async () => {
  for (const database of databases.splice(0)) await database.drop();
  for (const folder of folders.splice(0)) await fs.rm(folder, { recursive: true, force: true });
});

async function emptyDatabase(): Promise<TestDatabase> {
  const database = await createTestDatabase();
  databases.push(database);
  return database;
}

async function migrationsFolder(files: Record<string, string>): Promise<string> {
  const folder = await fs.mkdtemp(path.join(os.tmpdir(), "emulator-migrations-"));
  folders.push(folder);
  for (const [name, sql] of Object.entries(files)) await fs.writeFile(path.join(folder, name), sql);
  return folder;
}

// The package's own migrations, in order: what a fresh database ends up with.
const PACKAGE_MIGRATIONS = (await fs.readdir(defaultMigrationsDir()))
  .filter((name) => name.endsWith(".sql"))
  .sort()
  .map((name) => name.replace(/\.sql$/, ""));

const applied = (database: TestDatabase) =>
  database
    .openStore()
    .query<{ name: string; checksum: string }>(
      "SELECT name, checksum FROM plaid_emulator.schema_migrations ORDER BY name",
    );

describe("migrateEmulatorStore", () => {
  it("applies the package's migrations once and records each with its checksum", async () => {
    const database = await emptyDatabase();
    const store = database.openStore();
    expect(PACKAGE_MIGRATIONS[0]).toBe("0001_init");
    expect(await migrateEmulatorStore(store)).toEqual(PACKAGE_MIGRATIONS);
    expect(await migrateEmulatorStore(store)).toEqual([]);
    const checksums = await Promise.all(
      PACKAGE_MIGRATIONS.map(async (name) => {
        const sql = await fs.readFile(path.join(defaultMigrationsDir(), `${name}.sql`), "utf8");
        return { name, checksum: createHash("sha256").update(sql).digest("hex") };
      }),
    );
    expect(await applied(database)).toEqual(checksums);
    const tables = await store.query<{ table_name: string }>(
      `SELECT table_name FROM information_schema.tables WHERE table_schema = 'plaid_emulator' ORDER BY 1`,
    );
    expect(tables.map((table) => table.table_name)).toEqual([
      "faults",
      "institution_status",
      "items",
      "keys",
      "link_tokens",
      "oauth_states",
      "public_tokens",
      "schema_migrations",
      "transactions",
      "webhooks",
    ]);
  });

  it("applies each migration exactly once when several processes migrate at the same moment", async () => {
    const database = await emptyDatabase();
    const runs = await Promise.all(Array.from({ length: 4 }, () => migrateEmulatorStore(database.openStore())));
    // Each process applies what it finds pending when it gets the lock: together, each migration once.
    expect(runs.flat().sort()).toEqual(PACKAGE_MIGRATIONS);
    expect((await applied(database)).map((row) => row.name)).toEqual(PACKAGE_MIGRATIONS);
  });

  it("refuses a database whose applied migration changed, or that has one this code does not know", async () => {
    const database = await emptyDatabase();
    const store = database.openStore();
    const first = "CREATE TABLE plaid_emulator.a (id integer PRIMARY KEY);";
    const folder = await migrationsFolder({ "0001_a.sql": first });
    expect(await migrateEmulatorStore(store, { migrationsDir: folder })).toEqual(["0001_a"]);

    await fs.writeFile(path.join(folder, "0001_a.sql"), `${first}\n-- edited`);
    await expect(migrateEmulatorStore(store, { migrationsDir: folder })).rejects.toThrow(
      new EmulatorMigrationError(
        "Applied emulator migration(s) changed since they were applied: 0001_a. " +
          "Restore the file and add a new migration instead.",
      ),
    );
    const other = await migrationsFolder({ "0002_b.sql": "SELECT 1;" });
    await expect(migrateEmulatorStore(store, { migrationsDir: other })).rejects.toThrow(
      "The database has emulator migration(s) this code does not know: 0001_a.",
    );
  });

  it("rolls a failing migration back whole and keeps the ones before it", async () => {
    const database = await emptyDatabase();
    const store = database.openStore();
    const folder = await migrationsFolder({
      "0001_ok.sql": "CREATE TABLE plaid_emulator.ok (id integer);",
      "0002_bad.sql": "CREATE TABLE plaid_emulator.half (id integer);\nINSERT INTO plaid_emulator.nowhere VALUES (1);",
    });
    await expect(migrateEmulatorStore(store, { migrationsDir: folder })).rejects.toThrow(
      /Emulator migration 0002_bad failed and was rolled back: .*nowhere/,
    );
    expect((await applied(database)).map((row) => row.name)).toEqual(["0001_ok"]);
    const half = await store.query<{ found: string | null }>(
      "SELECT to_regclass('plaid_emulator.half')::text AS found",
    );
    expect(half).toEqual([{ found: null }]);
  });
});

describe("an emulator on a fresh store", () => {
  it("migrates it before its first requests, once however many arrive together", async () => {
    const database = await emptyDatabase();
    const emulator = createPlaidEmulator({ store: database.openStore() });
    const answers = await Promise.all(
      Array.from({ length: 5 }, () =>
        emulator.handle(
          new Request("http://emulator/institutions/get_by_id", {
            method: "POST",
            headers: { "Content-Type": "application/json" },
            body: JSON.stringify({ client_id: "c", secret: "s", institution_id: "ins_109508", country_codes: ["US"] }),
          }),
        ),
      ),
    );
    expect(answers.map((answer) => answer.status)).toEqual([200, 200, 200, 200, 200]);
    expect((await applied(database)).map((row) => row.name)).toEqual(PACKAGE_MIGRATIONS);
    expect(await emulator.migrate()).toEqual(PACKAGE_MIGRATIONS);
  });
});
