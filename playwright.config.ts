// End-to-end tests in Debian's Chromium against the built app (`npm run build` first), once on the
// embedded database and once on PostgreSQL, each server on a fresh database of its own.
import { defineConfig, devices } from "@playwright/test";

const EMBEDDED_PORT = 3210;
const POSTGRES_PORT = 3211;
const chromium = {
  ...devices["Desktop Chrome"],
  launchOptions: {
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    // This machine has no network beyond loopback: keep Chromium from trying.
    args: ["--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
  },
};

export default defineConfig({
  testDir: "e2e",
  fullyParallel: false,
  workers: 1,
  forbidOnly: Boolean(process.env.CI),
  retries: 0,
  reporter: process.env.CI ? [["list"]] : [["list"], ["html", { open: "never" }]],
  timeout: 30_000,
  use: { trace: "retain-on-failure", screenshot: "only-on-failure" },
  projects: [
    { name: "embedded", use: { ...chromium, baseURL: `http://127.0.0.1:${EMBEDDED_PORT}` } },
    { name: "postgresql", use: { ...chromium, baseURL: `http://127.0.0.1:${POSTGRES_PORT}` } },
  ],
  webServer: [
    {
      command: `node e2e/support/start-server.mjs embedded ${EMBEDDED_PORT}`,
      url: `http://127.0.0.1:${EMBEDDED_PORT}/api/health`,
      timeout: 120_000,
      reuseExistingServer: false,
      stdout: "ignore",
      stderr: "pipe",
    },
    {
      command: `node e2e/support/start-server.mjs postgresql ${POSTGRES_PORT}`,
      url: `http://127.0.0.1:${POSTGRES_PORT}/api/health`,
      timeout: 120_000,
      reuseExistingServer: false,
      stdout: "ignore",
      stderr: "pipe",
    },
  ],
});
