// Production processes (issue 18), on PostgreSQL, with NODE_ENV=production:
// - `npm run db:migrate`, `npm start` and `npm run worker` start what the build compiled, nothing more:
//   in a mount namespace where node_modules, the generated Prisma client and dist/ are read-only, every
//   Node process started on the way is recorded (NODE_OPTIONS=--require a recorder, inherited by
//   children), and none may be tsx or the Prisma generator; the server then reports the worker alive.
// - One process for small installs: `npm start` with MINGUS_WEB_WORKERS=1 and no worker process; a
//   person links a bank in the browser, and it syncs.
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";
import pg from "pg";
import { signUp } from "./support/auth";
import { EMULATOR_CLIENT_ID, EMULATOR_SECRET } from "./support/emulator-keys";
import { linkBank, PLATYPUS } from "./support/plaid-link";

const PORT = Number(process.env.E2E_PORT ?? 3210) + 3;
const BASE = `http://127.0.0.1:${PORT}`;
const serverUrl = process.env.MINGUS_TEST_DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";
const READ_ONLY = ["node_modules", "lib/db/generated", "dist"];

test.beforeEach(() => {
  test.skip(test.info().project.name !== "postgresql", "on PostgreSQL, once");
});
test.use({ baseURL: BASE });

async function sql<Row>(connectionString: string, text: string): Promise<Row[]> {
  const client = new pg.Client({ connectionString });
  await client.connect();
  try {
    return (await client.query(text)).rows as Row[];
  } finally {
    await client.end();
  }
}

/** Whether this machine lets us make a mount namespace (root, or unprivileged namespaces allowed). */
function canUnshare(): boolean {
  return spawnSync("unshare", ["-m", "--propagation", "private", "true"]).status === 0;
}

/** `command` run by sh in a private mount namespace where READ_ONLY is mounted read-only. */
function readOnly(command: string): string[] {
  const mounts = READ_ONLY.map((dir) => `mount --bind ${dir} ${dir} && mount -o remount,bind,ro ${dir}`).join(" && ");
  return ["unshare", "-m", "--propagation", "private", "sh", "-c", `${mounts} && exec ${command}`];
}

/** A fresh database, the settings a production server on it needs, and the processes started on it. */
async function productionSetup(extra: Record<string, string> = {}) {
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "mingus-programs-"));
  const name = `mingus_e2e_programs_${randomBytes(4).toString("hex")}`;
  await sql(serverUrl, `CREATE DATABASE "${name}"`);
  const databaseUrl = Object.assign(new URL(serverUrl), { pathname: `/${name}` }).toString();
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: scratch,
    NODE_ENV: "production" as const,
    NEXT_TELEMETRY_DISABLED: "1",
    npm_config_update_notifier: "false",
    PORT: String(PORT),
    DATABASE_URL: databaseUrl,
    NEXTAUTH_URL: BASE,
    NEXTAUTH_SECRET: randomBytes(32).toString("hex"),
    TOKEN_ENCRYPTION_KEY: `e2e:${randomBytes(32).toString("base64")}`,
    PLAID_EMULATOR: "on",
    PLAID_EMULATOR_CLIENT_ID: EMULATOR_CLIENT_ID,
    PLAID_EMULATOR_SECRET: EMULATOR_SECRET,
    MAIL_OUTBOX_DIR: path.join(scratch, "outbox"),
    SIGN_UP_LIMIT: "1000",
    ...extra,
  };
  const running: ChildProcess[] = [];
  let output = "";
  return {
    scratch,
    databaseUrl,
    env,
    output: () => output,
    /** Starts `argv` in its own process group, its output kept. */
    start(argv: string[]) {
      const [command = "", ...args] = argv;
      const child = spawn(command, args, { env, detached: true, stdio: ["ignore", "pipe", "pipe"] });
      const keep = (chunk: Buffer) => {
        output += chunk;
      };
      child.stdout?.on("data", keep);
      child.stderr?.on("data", keep);
      running.push(child);
    },
    async health(until: (body: HealthBody) => boolean): Promise<HealthBody> {
      const deadline = Date.now() + 60_000;
      let body: HealthBody = {};
      while (Date.now() < deadline) {
        const response = await fetch(`${BASE}/api/health`).catch(() => null);
        body = response ? ((await response.json()) as HealthBody) : {};
        if (until(body)) return body;
        await new Promise((resolve) => setTimeout(resolve, 500));
      }
      return body;
    },
    async stop() {
      for (const child of running) {
        if (child.pid && child.exitCode === null) process.kill(-child.pid, "SIGTERM");
      }
      await Promise.all(
        running.map((child) =>
          child.exitCode === null ? new Promise((resolve) => child.once("exit", resolve)) : Promise.resolve(),
        ),
      );
      await sql(serverUrl, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      fs.rmSync(scratch, { recursive: true, force: true });
    },
  };
}

type HealthBody = { status?: string; workers?: { alive?: number } };

test("the programs run compiled from a read-only install, with no tsx or Prisma generator", async () => {
  test.skip(!canUnshare(), "needs mount namespaces (unshare -m), as root");
  test.setTimeout(120_000);
  const setup = await productionSetup();
  const started = path.join(setup.scratch, "started.log");
  const recorder = path.join(setup.scratch, "record.cjs");
  // One line per Node process: its arguments.
  fs.writeFileSync(
    recorder,
    `require("node:fs").appendFileSync(${JSON.stringify(started)}, JSON.stringify(process.argv) + "\\n");\n`,
  );
  setup.env.NODE_OPTIONS = `--require ${recorder}`;
  try {
    // Read-only indeed: writing there fails.
    const [probeCommand = "", ...probeArgs] = readOnly("touch node_modules/.mingus-write-probe");
    const probe = spawnSync(probeCommand, probeArgs, { encoding: "utf8" });
    expect(probe.status).not.toBe(0);
    expect(probe.stderr).toContain("Read-only file system");

    const [migrateCommand = "", ...migrateArgs] = readOnly("npm run db:migrate");
    const migrate = spawnSync(migrateCommand, migrateArgs, { env: setup.env, encoding: "utf8" });
    expect(migrate.status, migrate.stdout + migrate.stderr).toBe(0);

    setup.start(readOnly("npm start"));
    setup.start(readOnly("npm run worker"));
    const health = await setup.health((body) => body.workers?.alive === 1);
    expect(health, setup.output()).toMatchObject({ status: "ok", workers: { alive: 1 } });

    const processes = fs
      .readFileSync(started, "utf8")
      .trim()
      .split("\n")
      .map((line) => (JSON.parse(line) as string[]).slice(1).join(" "));
    const list = processes.join("\n");
    // npm itself, the migration runner, the web server and the worker: the compiled programs only.
    expect(
      processes.some((args) => args.endsWith("scripts/program.mjs migrate")),
      list,
    ).toBe(true);
    expect(
      processes.some((args) => args.endsWith("scripts/program.mjs worker")),
      list,
    ).toBe(true);
    expect(
      processes.some((args) => args.endsWith("next start")),
      list,
    ).toBe(true);
    for (const args of processes) expect(args, "a compiler or generator started").not.toMatch(/tsx|prisma|db-generate/);
  } finally {
    await setup.stop();
  }
});

test("one process for small installs: MINGUS_WEB_WORKERS=1 syncs a linked bank with no worker process", async ({
  page,
}) => {
  test.setTimeout(180_000);
  const setup = await productionSetup({ MINGUS_WEB_WORKERS: "1" });
  try {
    const migrate = spawnSync("npm", ["run", "db:migrate"], { env: setup.env, encoding: "utf8" });
    expect(migrate.status, migrate.stdout + migrate.stderr).toBe(0);
    setup.start(["npm", "start"]);
    // The web server's own workers count: health is ok without a worker process.
    const health = await setup.health((body) => body.workers?.alive === 1);
    expect(health, setup.output()).toMatchObject({ status: "ok", workers: { alive: 1 } });

    await signUp(page);
    await linkBank(page);
    const platypus = page.getByRole("region", { name: PLATYPUS });
    // Linking queued the first sync; Sync now is free again once it has finished.
    await expect(platypus.getByRole("button", { name: "Sync now" })).toBeEnabled({ timeout: 120_000 });
    await platypus.getByRole("link", { name: "Plaid Checking" }).click();
    const rows = page.getByRole("table", { name: "Transactions, newest first" }).locator("tbody tr");
    await expect(rows.first()).toBeVisible();

    const workers = await sql<{ kind: string }>(setup.databaseUrl, "SELECT kind FROM worker_heartbeats");
    expect(workers.map((row) => row.kind)).toEqual(["web"]);
    const runs = await sql<{ status: string }>(setup.databaseUrl, "SELECT status FROM transaction_syncs");
    expect(runs.length).toBeGreaterThan(0);
    expect(
      runs.every((run) => run.status === "success"),
      JSON.stringify(runs),
    ).toBe(true);
  } finally {
    await setup.stop();
  }
});
