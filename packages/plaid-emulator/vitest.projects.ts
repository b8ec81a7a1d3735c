// The emulator's test projects, shared by its own vitest.config.ts and a host repository's config:
// unit tests, and database tests each on a fresh store of the backend PLAID_EMULATOR_TEST_BACKEND names
// (an in-memory PGlite by default, or a new PostgreSQL database).
import type { TestProjectInlineConfiguration } from "vitest/config";

const root = import.meta.dirname;

export const emulatorProjects: TestProjectInlineConfiguration[] = [
  {
    test: {
      name: "emulator-unit",
      root,
      include: ["src/**/*.test.ts"],
      exclude: ["src/**/*.db.test.ts", "**/node_modules/**"],
      environment: "node",
    },
  },
  {
    test: {
      name: "emulator-db",
      root,
      include: ["src/**/*.db.test.ts"],
      environment: "node",
      setupFiles: ["src/test-support/store-setup.ts"],
      testTimeout: 30_000,
      hookTimeout: 60_000,
    },
  },
];
