// End-to-end tests in Debian's Chromium against the built app (`npm run build` first), once on the
// embedded database and once on PostgreSQL (the accessibility checks on the embedded one only), each server
// on a fresh database of its own.
import { defineConfig, devices } from "@playwright/test";

const EMBEDDED_PORT = Number(process.env.E2E_PORT ?? 3210);
const POSTGRES_PORT = EMBEDDED_PORT + 1;
const chromium = {
  ...devices["Desktop Chrome"],
  launchOptions: {
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    // This machine has no network beyond loopback: keep Chromium from trying.
    args: ["--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
  },
};

function server(backend: "embedded" | "postgresql", port: number) {
  return {
    command: `node e2e/support/start-server.mjs ${backend} ${port}`,
    url: `http://127.0.0.1:${port}/api/health`,
    timeout: 120_000,
    reuseExistingServer: false,
    stdout: "ignore" as const,
    stderr: "pipe" as const,
    // SIGTERM first, so the launcher drops its PostgreSQL database and removes its embedded folder;
    // without this Playwright SIGKILLs the process group and both are left behind.
    gracefulShutdown: { signal: "SIGTERM" as const, timeout: 10_000 },
  };
}

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
    {
      name: "postgresql",
      use: { ...chromium, baseURL: `http://127.0.0.1:${POSTGRES_PORT}` },
      // A page looks the same whichever database serves it: WCAG, target sizes and the policy are checked
      // once, on the embedded one (over a third of the suite's time).
      testIgnore: /accessibility\.spec\.ts$/,
    },
  ],
  webServer: [server("embedded", EMBEDDED_PORT), server("postgresql", POSTGRES_PORT)],
});
