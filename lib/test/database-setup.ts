// Vitest setup for *.db.test.ts files: points the app's environment at a fresh, migrated database on
// the backend MINGUS_TEST_BACKEND names, before the test file imports any app module, and drops it
// afterwards. The app code under test is the same code path production uses.
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

const { migrateDatabase } = await import("@/lib/db/setup");
await migrateDatabase();

afterAll(async () => {
  const { closeBackend } = await import("@/lib/db/client");
  await closeBackend();
  if (created) await dropPostgresDatabase(created);
});
