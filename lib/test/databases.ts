// Fresh, throwaway databases for tests: a new PostgreSQL database on the test server, or an in-memory
// PGlite. Used by the per-file setup and by tests that need a second database of their own.
import { randomBytes } from "node:crypto";
import pg from "pg";

export type TestBackend = "embedded" | "postgresql";

export function testBackend(): TestBackend {
  const value = process.env.MINGUS_TEST_BACKEND ?? "embedded";
  if (value !== "embedded" && value !== "postgresql") {
    throw new Error(`MINGUS_TEST_BACKEND must be "embedded" or "postgresql", not "${value}"`);
  }
  return value;
}

/** The server tests create their databases on (its maintenance database). */
export function testServerUrl(): string {
  return process.env.MINGUS_TEST_DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";
}

export function databaseUrl(name: string): string {
  const url = new URL(testServerUrl());
  url.pathname = `/${name}`;
  return url.toString();
}

export async function withServer<T>(fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: testServerUrl() });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** Creates an empty PostgreSQL database and returns its name and URL. */
export async function createPostgresDatabase(prefix = "mingus_test"): Promise<{ name: string; url: string }> {
  const name = `${prefix}_${process.pid}_${randomBytes(4).toString("hex")}`;
  await withServer((client) => client.query(`CREATE DATABASE "${name}"`));
  return { name, url: databaseUrl(name) };
}

export async function dropPostgresDatabase(name: string): Promise<void> {
  await withServer((client) => client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
}
