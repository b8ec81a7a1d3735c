// Migration 20261126000000_plaid_emulator_schema hands the emulator's old tables (public.plaid_emulator_*)
// to the emulator package's schema: a developer's emulated items survive, the package's own migrations
// then find them in place, and the result is the schema the package makes on a fresh database.
import { createHash } from "node:crypto";
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { createPgliteStore, createPgStore, createPlaidEmulator, type EmulatorStore } from "@mingus/plaid-emulator";
import { afterEach, describe, expect, test } from "vitest";
import { createPostgresDatabase, dropPostgresDatabase, testBackend } from "@/lib/test/databases";
import { MIGRATIONS_DIR, type MigrationTarget, migrate, pgliteTarget, postgresTarget } from "./migrate";
import { createPGlite } from "./pglite";

const HANDOVER = "20261126000000_plaid_emulator_schema";
const ACCESS_TOKEN = "access-sandbox-kept-from-before";

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** An empty database, as the product's migration runner and as the emulator's store see it. */
async function emptyDatabase(): Promise<{ target: MigrationTarget; store: EmulatorStore }> {
  if (testBackend() === "embedded") {
    const pglite = createPGlite();
    cleanups.push(() => pglite.close());
    return { target: pgliteTarget(pglite), store: createPgliteStore(pglite) };
  }
  const database = await createPostgresDatabase("mingus_handover");
  cleanups.push(() => dropPostgresDatabase(database.name));
  const target = await postgresTarget(database.url);
  cleanups.push(() => target.close());
  const store = createPgStore({ connectionString: database.url, max: 2 });
  cleanups.push(() => store.close());
  return { target, store };
}

/** The hand-over and every product migration after it, as a database last migrated before it applies them. */
async function handoverAndLater(): Promise<string[]> {
  const names = (await fs.readdir(MIGRATIONS_DIR)).filter((name) => /^\d{14}_/.test(name) && name >= HANDOVER);
  return names.sort();
}

/** The product's migrations from before the hand-over, as a database last migrated then has them. */
async function migrationsBeforeHandover(): Promise<string> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), "mingus-before-handover-"));
  cleanups.push(() => fs.rm(dir, { recursive: true, force: true }));
  for (const name of await fs.readdir(MIGRATIONS_DIR)) {
    if (name >= HANDOVER || !/^\d{14}_/.test(name)) continue;
    await fs.cp(path.join(MIGRATIONS_DIR, name), path.join(dir, name), { recursive: true });
  }
  return dir;
}

/** An item as the emulator kept it inside Mingus, with a transaction and a fault. */
async function insertOldItem(target: MigrationTarget) {
  const sha = createHash("sha256").update(ACCESS_TOKEN).digest("hex");
  await target.query(
    `INSERT INTO plaid_emulator_items (item_id, access_token_sha256, client_id, institution_id, username, seed,
       webhook, accounts, transactions_seq)
     VALUES ('item-kept', $1, 'client', 'ins_109508', 'user_good', 7, NULL, '[]', 1)`,
    [sha],
  );
  await target.query(
    `INSERT INTO plaid_emulator_transactions (item_id, seq, transaction_id, account_id, kind, payload)
     VALUES ('item-kept', 1, 'tx-1', 'acc-1', 'added', '{"transaction_id": "tx-1"}')`,
  );
  await target.query(
    `INSERT INTO plaid_emulator_faults (item_id, endpoint, error_code, remaining)
     VALUES ('item-kept', '/item/get', 'INSTITUTION_DOWN', 1)`,
  );
}

/**
 * The emulator schema's catalog, comparable across databases: columns (with their nullability),
 * constraints (but NOT NULL ones, which PostgreSQL 18 also lists, named after the table they began in),
 * indexes and triggers.
 */
async function catalog(store: EmulatorStore) {
  const columns = await store.query(
    `SELECT table_name, column_name, data_type, is_nullable, column_default, datetime_precision
     FROM information_schema.columns WHERE table_schema = 'plaid_emulator' ORDER BY table_name, column_name`,
  );
  const constraints = await store.query(
    `SELECT c.conrelid::regclass::text AS table_name, c.conname AS name, pg_get_constraintdef(c.oid) AS definition
     FROM pg_constraint c JOIN pg_namespace n ON n.oid = c.connamespace
     WHERE n.nspname = 'plaid_emulator' AND c.contype <> 'n' ORDER BY 1, 2`,
  );
  const indexes = await store.query(
    `SELECT tablename, indexname, indexdef FROM pg_indexes WHERE schemaname = 'plaid_emulator' ORDER BY 1, 2`,
  );
  const triggers = await store.query(
    `SELECT c.relname AS table_name, t.tgname AS name, pg_get_triggerdef(t.oid) AS definition
     FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE n.nspname = 'plaid_emulator' AND NOT t.tgisinternal ORDER BY 1, 2`,
  );
  return { columns, constraints, indexes, triggers };
}

const publicEmulatorTables = (store: EmulatorStore) =>
  store.query<{ table_name: string }>(
    `SELECT table_name FROM information_schema.tables
     WHERE table_schema = 'public' AND table_name LIKE 'plaid_emulator%' ORDER BY table_name`,
  );

describe("the emulator's tables handed over to its package", () => {
  test("keep their rows, and the emulator serves them after its own migrations", async () => {
    const { target, store } = await emptyDatabase();
    await migrate(target, await migrationsBeforeHandover());
    await insertOldItem(target);

    expect(await migrate(target)).toEqual(await handoverAndLater());
    expect(await publicEmulatorTables(store)).toEqual([]);
    expect(await store.query("SELECT item_id, transactions_seq::int AS seq FROM plaid_emulator.items")).toEqual([
      { item_id: "item-kept", seq: 1 },
    ]);

    const emulator = createPlaidEmulator({ store });
    // 0001_init finds the tables already there (IF NOT EXISTS); the package's later migrations add to them.
    expect((await emulator.migrate())[0]).toBe("0001_init");
    const itemGet = () =>
      emulator.handle(
        new Request("http://emulator/item/get", {
          method: "POST",
          headers: { "Content-Type": "application/json" },
          body: JSON.stringify({ client_id: "c", secret: "s", access_token: ACCESS_TOKEN }),
        }),
      );
    // The fault came along, and fires once more.
    expect(await (await itemGet()).json()).toMatchObject({ error_code: "INSTITUTION_DOWN" });
    const response = await itemGet();
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ item: { item_id: "item-kept", institution_id: "ins_109508" } });
  });

  test("end up exactly as the package makes them on a fresh database", async () => {
    const handedOver = await emptyDatabase();
    await migrate(handedOver.target, await migrationsBeforeHandover());
    await migrate(handedOver.target);
    await createPlaidEmulator({ store: handedOver.store }).migrate();

    const fresh = await emptyDatabase();
    await createPlaidEmulator({ store: fresh.store }).migrate();

    expect(await catalog(handedOver.store)).toEqual(await catalog(fresh.store));
  });

  test("are left alone when the emulator already made its own, so neither side loses rows", async () => {
    const { target, store } = await emptyDatabase();
    await migrate(target, await migrationsBeforeHandover());
    await insertOldItem(target);
    await createPlaidEmulator({ store }).migrate();

    expect(await migrate(target)).toEqual(await handoverAndLater());
    expect((await publicEmulatorTables(store)).length).toBe(7);
    expect(await store.query("SELECT item_id FROM plaid_emulator.items")).toEqual([]);
    expect(await target.query("SELECT item_id FROM plaid_emulator_items")).toEqual([{ item_id: "item-kept" }]);
  });
});
