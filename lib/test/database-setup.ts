// Vitest setup for *.db.test.ts files: points the app's environment at a fresh, migrated database on
// the backend MINGUS_TEST_BACKEND names, before the test file imports any app module, and drops it
// afterwards. The app code under test is the same code path production uses.
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, inject } from "vitest";
import { createPostgresDatabase, dropPostgresDatabase, testBackend } from "./databases";

const backend = testBackend();
let created: string | undefined;
let copied: string | undefined;

if (backend === "postgresql") {
  const database = await createPostgresDatabase();
  created = database.name;
  process.env.DATABASE_URL = database.url;
} else {
  delete process.env.DATABASE_URL;
  // A copy of the folder lib/test/pglite-template.ts migrated once for the run: the migrations below
  // then find nothing to do. Without it (a file run on its own through another config), a fresh one.
  const template = inject("pgliteTemplate");
  if (template) {
    copied = fs.mkdtempSync(path.join(os.tmpdir(), "mingus-test-db-"));
    fs.cpSync(template, copied, { recursive: true });
    process.env.PGLITE_DATA_DIR = copied;
  } else {
    process.env.PGLITE_DATA_DIR = "memory://";
  }
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
  if (copied) fs.rmSync(copied, { recursive: true, force: true });
});
