// A fresh store per test file: an in-memory PGlite, or a new PostgreSQL database dropped afterwards,
// as PLAID_EMULATOR_TEST_BACKEND says ("embedded" by default, or "postgresql").
import { randomBytes } from "node:crypto";
import { PGlite } from "@electric-sql/pglite";
import pg from "pg";
import { createPgStore } from "../store/pg-store.ts";
import { createPgliteStore } from "../store/pglite-store.ts";
import type { EmulatorStore } from "../store/store.ts";

export type TestBackend = "embedded" | "postgresql";

export function testBackend(): TestBackend {
  const value = process.env.PLAID_EMULATOR_TEST_BACKEND ?? "embedded";
  if (value !== "embedded" && value !== "postgresql") {
    throw new Error(`PLAID_EMULATOR_TEST_BACKEND must be "embedded" or "postgresql", not "${value}"`);
  }
  return value;
}

/** The PostgreSQL server tests create their databases on (its maintenance database). */
function testServerUrl(): string {
  return process.env.PLAID_EMULATOR_TEST_DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";
}

async function onServer(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: testServerUrl() });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

export type TestDatabase = {
  /** A store on the database: each call opens its own connections (PostgreSQL) or shares the one PGlite. */
  openStore(): EmulatorStore;
  /** Closes every store opened and drops the database. */
  drop(): Promise<void>;
};

/** An empty database of the test backend. */
export async function createTestDatabase(): Promise<TestDatabase> {
  const stores: EmulatorStore[] = [];
  if (testBackend() === "embedded") {
    const pglite = new PGlite();
    return {
      openStore: () => createPgliteStore(pglite),
      drop: () => pglite.close(),
    };
  }
  const name = `plaid_emulator_test_${process.pid}_${randomBytes(4).toString("hex")}`;
  await onServer(`CREATE DATABASE "${name}"`);
  const url = new URL(testServerUrl());
  url.pathname = `/${name}`;
  return {
    openStore() {
      const store = createPgStore({ connectionString: url.toString(), max: 10 });
      stores.push(store);
      return store;
    },
    async drop() {
      for (const store of stores) await store.close();
      await onServer(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    },
  };
}

/** A store on an empty database of the test backend; close() drops the database too. */
export async function createTestStore(): Promise<EmulatorStore> {
  const database = await createTestDatabase();
  return { ...database.openStore(), close: () => database.drop() };
}
