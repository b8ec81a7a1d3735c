// Vitest setup for *.db.test.ts: a fresh, migrated store for the file (see databases.ts), closed and
// dropped when the file is done. Tests reach it with testStore().
import { afterAll } from "vitest";
import { migrateEmulatorStore } from "../store/migrate.ts";
import { createTestStore } from "./databases.ts";
import { setTestStore } from "./test-store.ts";

const store = await createTestStore();
await migrateEmulatorStore(store);
setTestStore(store);

afterAll(async () => {
  await store.close();
});
