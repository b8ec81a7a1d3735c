import path from "node:path";
import { defineConfig } from "vitest/config";

const root = import.meta.dirname;
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
          include: ["lib/**/*.test.ts", "app/**/*.test.ts", "components/**/*.test.ts"],
          exclude: ["**/*.db.test.ts", "**/node_modules/**"],
          environment: "node",
        },
      },
      {
        ...shared,
        test: {
          name: "db",
          include: ["lib/**/*.db.test.ts", "app/**/*.db.test.ts"],
          environment: "node",
          // Each test file gets a database of its own on the backend MINGUS_TEST_BACKEND names.
          setupFiles: ["lib/test/database-setup.ts"],
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
    ],
  },
});
