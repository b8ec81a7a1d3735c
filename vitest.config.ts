import path from "node:path";
import { defineConfig } from "vitest/config";
import { emulatorProjects } from "./packages/plaid-emulator/vitest.projects.ts";

const root = import.meta.dirname;

// The Plaid emulator package runs its tests on the backend Mingus's tests use (it reads its own variables).
for (const [ours, theirs] of [
  ["MINGUS_TEST_BACKEND", "PLAID_EMULATOR_TEST_BACKEND"],
  ["MINGUS_TEST_DATABASE_URL", "PLAID_EMULATOR_TEST_DATABASE_URL"],
] as const) {
  const value = process.env[ours];
  if (value !== undefined) process.env[theirs] ??= value;
}
const shared = {
  resolve: {
    alias: {
      "@": root,
      // `server-only` throws outside React's server build; tests are server code.
      "server-only": path.join(root, "lib/test/empty-module.ts"),
    },
  },
};

export default defineConfig({
  test: {
    projects: [
      {
        ...shared,
        test: {
          name: "unit",
          include: ["{lib,app,components,scripts}/**/*.test.ts"],
          exclude: ["**/*.db.test.ts", "**/node_modules/**"],
          environment: "node",
        },
      },
      {
        ...shared,
        test: {
          name: "db",
          include: ["{lib,app,scripts}/**/*.db.test.ts"],
          environment: "node",
          // Each test file gets a database of its own on the backend MINGUS_TEST_BACKEND names.
          setupFiles: ["lib/test/database-setup.ts"],
          // On the embedded backend, the migrated database each file copies.
          globalSetup: ["lib/test/pglite-template.ts"],
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      // The emulator package's own: emulator-unit, and emulator-db (a fresh store per file).
      ...emulatorProjects,
    ],
  },
});
