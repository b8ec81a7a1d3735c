// The container's web server without a container (no Docker daemon runs in CI): Next's standalone
// output completed as the Dockerfile does (scripts/assemble-standalone.mjs), copied out of the checkout
// so it cannot borrow the checkout's node_modules, its database migrated as compose's `migrate` service
// does, then `node server.js` on PostgreSQL: health, a page with its browser assets, and metrics.
import { type ChildProcess, execFileSync, spawn, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";
import pg from "pg";
import { EMULATOR_CLIENT_ID, EMULATOR_SECRET } from "./support/emulator-keys";

const PORT = Number(process.env.E2E_PORT ?? 3210) + 2;
const BASE = `http://127.0.0.1:${PORT}`;
const METRICS_TOKEN = randomBytes(24).toString("hex");
// Every process on one PostgreSQL database shares these (lib/env.ts requires them with DATABASE_URL).
const SHARED_KEYS = {
  NEXTAUTH_SECRET: randomBytes(32).toString("hex"),
  TOKEN_ENCRYPTION_KEY: `e2e:${randomBytes(32).toString("base64")}`,
};
const distDir = process.env.NEXT_DIST_DIR ?? ".next";
const serverUrl = process.env.MINGUS_TEST_DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";

async function onServer(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** Whether this runner may make mount namespaces (unshare -m: root, as in CI). */
function canUnshare(): boolean {
  return spawnSync("unshare", ["-m", "--propagation", "private", "true"]).status === 0;
}

async function waitForHealth(server: ChildProcess, output: () => string): Promise<Response> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (server.exitCode !== null) throw new Error(`the standalone server exited (${server.exitCode}):\n${output()}`);
    const response = await fetch(`${BASE}/api/health`).catch(() => null);
    if (response) return response;
    if (Date.now() > deadline) throw new Error(`the standalone server did not answer in 60 s:\n${output()}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

test("the standalone server runs on its own: health, a page with its assets, metrics", async ({ page }) => {
  test.skip(test.info().project.name !== "postgresql", "the container runs on PostgreSQL; one start is enough");
  test.setTimeout(120_000);

  execFileSync("node", ["scripts/assemble-standalone.mjs", distDir], { stdio: "pipe" });
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "mingus-standalone-"));
  fs.cpSync(path.join(distDir, "standalone"), root, { recursive: true, verbatimSymlinks: true });

  const name = `mingus_e2e_standalone_${randomBytes(4).toString("hex")}`;
  await onServer(`CREATE DATABASE "${name}"`);
  const databaseUrl = Object.assign(new URL(serverUrl), { pathname: `/${name}` }).toString();
  let server: ChildProcess | undefined;
  try {
    // As compose's one-shot `migrate` service: the compiled migration runner (npm run build made it).
    execFileSync("node", ["dist/programs/migrate.mjs"], {
      env: { ...process.env, DATABASE_URL: databaseUrl, ...SHARED_KEYS },
      stdio: "pipe",
    });

    // Only what the container's environment holds: nothing from this checkout or the test runner.
    let output = "";
    // Where it can, with the checkout hidden behind an empty tmpfs in a private mount namespace, as
    // the container has no checkout: nothing may reach back to the build machine's files (webpack
    // writes `import.meta.url` as the source file's own path, which the Plaid emulator once used).
    const command = canUnshare()
      ? [
          "unshare",
          "-m",
          "--propagation",
          "private",
          "sh",
          "-c",
          `mount -t tmpfs tmpfs "${process.cwd()}" && exec node server.js`,
        ]
      : ["node", "server.js"];
    server = spawn(command[0] as string, command.slice(1), {
      cwd: root,
      env: {
        PATH: process.env.PATH,
        NODE_ENV: "production",
        NEXT_TELEMETRY_DISABLED: "1",
        PORT: String(PORT),
        HOSTNAME: "127.0.0.1",
        DATABASE_URL: databaseUrl,
        NEXTAUTH_URL: BASE,
        ...SHARED_KEYS,
        PLAID_EMULATOR: "on",
        // Required with PLAID_EMULATOR=on in production (the emulator takes only its own pair).
        PLAID_EMULATOR_CLIENT_ID: EMULATOR_CLIENT_ID,
        PLAID_EMULATOR_SECRET: EMULATOR_SECRET,
        METRICS_TOKEN,
        MAIL_OUTBOX_DIR: path.join(root, ".data", "outbox"),
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    server.stdout?.on("data", (chunk) => {
      output += chunk;
    });
    server.stderr?.on("data", (chunk) => {
      output += chunk;
    });

    const health = await waitForHealth(server, () => output);
    expect(health.status, output).toBe(200);
    // The database is fine; no sync worker runs beside this server (compose's `worker` service would).
    expect(await health.json()).toMatchObject({
      status: "degraded",
      database: "postgresql",
      migrations: "up-to-date",
      workers: { alive: 0 },
    });

    // A server-rendered page whose stylesheet and scripts come from the copied .next/static.
    const assets: number[] = [];
    page.on("response", (response) => {
      if (response.url().includes("/_next/static/")) assets.push(response.status());
    });
    await page.goto(`${BASE}/sign-in`);
    await expect(page.getByRole("heading", { name: "Sign in", exact: true })).toBeVisible();
    await expect(page.getByRole("button", { name: "Sign in", exact: true })).toBeEnabled();
    expect(assets.length).toBeGreaterThan(0);
    expect(assets.every((status) => status === 200)).toBe(true);
    // The stylesheet applied (its font stack, app/globals.css): the page is not unstyled HTML.
    const font = await page.locator("body").evaluate((body) => getComputedStyle(body).fontFamily);
    expect(font).toContain("ui-sans-serif");

    // prom-client was traced into the standalone output, and the token rule holds there too.
    expect((await fetch(`${BASE}/api/metrics`)).status).toBe(401);
    const metrics = await fetch(`${BASE}/api/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } });
    expect(metrics.status).toBe(200);
    const text = await metrics.text();
    expect(text).toContain("mingus_metrics_database_up 1");
    expect(text).toContain("# TYPE mingus_sync_runs_total counter");

    // The Plaid emulator (PLAID_EMULATOR=on, the demo) migrates its tables from the shipped folder.
    const link = await fetch(`${BASE}/api/plaid-emulator/sandbox/public_token/create`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        client_id: EMULATOR_CLIENT_ID,
        secret: EMULATOR_SECRET,
        institution_id: "ins_109508",
        initial_products: ["transactions"],
      }),
    });
    expect(link.status, output).toBe(200);
    expect(await link.json()).toMatchObject({ public_token: expect.stringMatching(/^public-sandbox-/) });
  } finally {
    server?.kill("SIGTERM");
    if (server && server.exitCode === null) await new Promise((resolve) => server?.once("exit", resolve));
    await onServer(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    fs.rmSync(root, { recursive: true, force: true });
  }
});
