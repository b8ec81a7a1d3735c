// The built app's start with a bad configuration: `next start` in production stops with exit code 1 and
// a message naming what is wrong, before it opens a database. Without Plaid (neither its keys nor
// PLAID_EMULATOR=on), and with a TOKEN_ENCRYPTION_KEY that lacks its key id.
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";

/** Runs `next start` with these settings until it exits (or 60 s); its exit code, output and data folder. */
async function startServer(settings: Record<string, string>) {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "mingus-start-"));
  const env = Object.fromEntries(
    Object.entries(process.env).filter(([name]) => !/^(PLAID_|DATABASE_URL$|PORT$|TOKEN_ENCRYPTION_KEY$)/.test(name)),
  );
  // Port 0: the refusal comes before any port matters, and a stray success must not collide with anything.
  const child = spawn("npx", ["next", "start", "-p", "0", "-H", "127.0.0.1"], {
    env: { ...env, NODE_ENV: "production", PGLITE_DATA_DIR: dataDir, NEXT_TELEMETRY_DISABLED: "1", ...settings },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout.on("data", (chunk) => {
    output += chunk;
  });
  child.stderr.on("data", (chunk) => {
    output += chunk;
  });
  const code = await new Promise<number | null>((resolve) => {
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      resolve(null);
    }, 60_000);
    child.once("exit", (exitCode) => {
      clearTimeout(timer);
      resolve(exitCode);
    });
  });
  // Whether it opened the embedded database (which would have filled the folder).
  const opened = fs.readdirSync(dataDir);
  fs.rmSync(dataDir, { recursive: true, force: true });
  return { code, output, opened };
}

test.beforeEach(() => {
  test.skip(test.info().project.name !== "embedded", "one start is enough; it never reaches a database");
});

test("a production server with neither Plaid's keys nor PLAID_EMULATOR=on refuses to start", async () => {
  const { code, output, opened } = await startServer({});
  expect(code, output).toBe(1);
  expect(output).toContain("Mingus cannot start: Plaid is not configured.");
  for (const name of ["PLAID_ENV", "PLAID_CLIENT_ID", "PLAID_SECRET", "PLAID_EMULATOR=on"])
    expect(output).toContain(name);
  expect(opened).toEqual([]);
});

test("a TOKEN_ENCRYPTION_KEY without its key id stops the server at start, saying how to make one", async () => {
  const key = randomBytes(32).toString("base64");
  const { code, output, opened } = await startServer({
    PLAID_EMULATOR: "on",
    PLAID_EMULATOR_CLIENT_ID: "demo",
    PLAID_EMULATOR_SECRET: "a-demo-secret-value",
    TOKEN_ENCRYPTION_KEY: key,
  });
  expect(code, output).toBe(1);
  expect(output).toContain("Mingus cannot start. Invalid environment configuration:");
  expect(output).toContain('TOKEN_ENCRYPTION_KEY: entry 1 has no key id: each entry must be "kid:base64key"');
  expect(output).toContain("randomBytes(32).toString('base64')");
  // The key itself is never printed, and no database was opened.
  expect(output).not.toContain(key);
  expect(opened).toEqual([]);
});
