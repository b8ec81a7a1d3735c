// Vitest setup for *.db.test.ts files: points the app's environment at a fresh, migrated database on
// the backend MINGUS_TEST_BACKEND names, before the test file imports any app module, and drops it
// afterwards. The app code under test is the same code path production uses.
import { randomBytes } from "node:crypto";
import { afterAll } from "vitest";
import { createPostgresDatabase, dropPostgresDatabase, testBackend } from "./databases";

const backend = testBackend();
let created: string | undefined;

if (backend === "postgresql") {
  const database = await createPostgresDatabase();
  created = database.name;
  process.env.DATABASE_URL = database.url;
} else {
  delete process.env.DATABASE_URL;
  process.env.PGLITE_DATA_DIR = "memory://";
}

// Plaid access tokens are sealed (lib/plaid/token-crypto.ts): a throwaway key, required on PostgreSQL
// and keeping embedded runs from writing .data/token-key.
process.env.TOKEN_ENCRYPTION_KEY ??= `test:${randomBytes(32).toString("base64")}`;
// Required with DATABASE_URL (lib/env.ts), like the token key.
process.env.NEXTAUTH_SECRET ??= randomBytes(32).toString("base64");

const { migrateDatabase } = await import("@/lib/db/setup");
await migrateDatabase();

afterAll(async () => {
  const { closeBackend } = await import("@/lib/db/client");
  await closeBackend();
  if (created) await dropPostgresDatabase(created);
});
