// Production processes start what was built, nothing more (issue 18): `npm run db:migrate`, `npm start`
// and `npm run worker` with NODE_ENV=production, in a mount namespace where node_modules and the
// generated Prisma client are read-only, on PostgreSQL. Every Node process started on the way is
// recorded (NODE_OPTIONS=--require a recorder, inherited by children): none may be tsx or the Prisma
// generator. The server then reports the worker alive.
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";
import pg from "pg";
import { EMULATOR_CLIENT_ID, EMULATOR_SECRET } from "./support/emulator-keys";

const PORT = Number(process.env.E2E_PORT ?? 3210) + 3;
const BASE = `http://127.0.0.1:${PORT}`;
const serverUrl = process.env.MINGUS_TEST_DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";
const READ_ONLY = ["node_modules", "lib/db/generated", "dist"];

async function onServer(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** Whether this machine lets us make a mount namespace (root, or unprivileged namespaces allowed). */
function canUnshare(): boolean {
  return spawnSync("unshare", ["-m", "--propagation", "private", "true"]).status === 0;
}

/** `command` run by sh in a private mount namespace where READ_ONLY is mounted read-only. */
function readOnlyShell(command: string): string[] {
  const mounts = READ_ONLY.map((dir) => `mount --bind ${dir} ${dir} && mount -o remount,bind,ro ${dir}`).join(" && ");
  return ["-m", "--propagation", "private", "sh", "-c", `${mounts} && exec ${command}`];
}

test("production processes run the compiled programs from a read-only install, with no tsx or Prisma generator", async () => {
  test.skip(test.info().project.name !== "postgresql", "on PostgreSQL, once");
  test.skip(!canUnshare(), "needs mount namespaces (unshare -m), as root");
  test.setTimeout(120_000);

  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "mingus-programs-"));
  const started = path.join(scratch, "started.log");
  const recorder = path.join(scratch, "record.cjs");
  // One line per Node process: its arguments.
  fs.writeFileSync(
    recorder,
    `require("node:fs").appendFileSync(${JSON.stringify(started)}, JSON.stringify(process.argv) + "\\n");\n`,
  );
  const name = `mingus_e2e_programs_${randomBytes(4).toString("hex")}`;
  await onServer(`CREATE DATABASE "${name}"`);
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: scratch,
    NODE_ENV: "production" as const,
    NODE_OPTIONS: `--require ${recorder}`,
    NEXT_TELEMETRY_DISABLED: "1",
    npm_config_update_notifier: "false",
    PORT: String(PORT),
    DATABASE_URL: Object.assign(new URL(serverUrl), { pathname: `/${name}` }).toString(),
    NEXTAUTH_URL: BASE,
    NEXTAUTH_SECRET: randomBytes(32).toString("hex"),
    TOKEN_ENCRYPTION_KEY: `e2e:${randomBytes(32).toString("base64")}`,
    PLAID_EMULATOR: "on",
    PLAID_EMULATOR_CLIENT_ID: EMULATOR_CLIENT_ID,
    PLAID_EMULATOR_SECRET: EMULATOR_SECRET,
    MAIL_OUTBOX_DIR: path.join(scratch, "outbox"),
  };
  const running: ChildProcess[] = [];
  let output = "";
  const start = (command: string) => {
    const child = spawn("unshare", readOnlyShell(command), { env, detached: true, stdio: ["ignore", "pipe", "pipe"] });
    child.stdout?.on("data", (chunk) => {
      output += chunk;
    });
    child.stderr?.on("data", (chunk) => {
      output += chunk;
    });
    running.push(child);
    return child;
  };
  try {
    // Read-only indeed: writing there fails.
    const probe = spawnSync("unshare", readOnlyShell("touch node_modules/.mingus-write-probe"), { encoding: "utf8" });
    expect(probe.status).not.toBe(0);
    expect(probe.stderr).toContain("Read-only file system");

    const migrate = spawnSync("unshare", readOnlyShell("npm run db:migrate"), { env, encoding: "utf8" });
    expect(migrate.status, migrate.stdout + migrate.stderr).toBe(0);

    start("npm start");
    start("npm run worker");
    const deadline = Date.now() + 60_000;
    let health: { status?: string; workers?: { alive?: number } } = {};
    while (Date.now() < deadline) {
      const response = await fetch(`${BASE}/api/health`).catch(() => null);
      health = response ? await response.json() : {};
      if (health.workers?.alive === 1) break;
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    expect(health, output).toMatchObject({ status: "ok", workers: { alive: 1 } });

    const processes = fs
      .readFileSync(started, "utf8")
      .trim()
      .split("\n")
      .map((line) => (JSON.parse(line) as string[]).slice(1).join(" "));
    // npm itself, the migration runner, the web server and the worker: the compiled programs only.
    expect(
      processes.some((args) => args.includes("scripts/program.mjs migrate")),
      processes.join("\n"),
    ).toBe(true);
    expect(
      processes.some((args) => args.includes("scripts/program.mjs worker")),
      processes.join("\n"),
    ).toBe(true);
    expect(
      processes.some((args) => args.includes("next start")),
      processes.join("\n"),
    ).toBe(true);
    for (const args of processes) {
      expect(args, "a compiler or generator started").not.toMatch(/tsx|prisma|db-generate/);
    }
  } finally {
    for (const child of running) {
      if (child.pid && child.exitCode === null) process.kill(-child.pid, "SIGTERM");
    }
    await Promise.all(
      running.map((child) =>
        child.exitCode === null ? new Promise((resolve) => child.once("exit", resolve)) : Promise.resolve(),
      ),
    );
    await onServer(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    fs.rmSync(scratch, { recursive: true, force: true });
  }
});
