// The built app's start without Plaid: `next start` in production with neither Plaid's keys nor
// PLAID_EMULATOR=on stops with exit code 1 and a message naming both, before it opens a database.
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";

test("a production server with neither Plaid's keys nor PLAID_EMULATOR=on refuses to start", async () => {
  test.skip(test.info().project.name !== "embedded", "one start is enough; it never reaches a database");
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "mingus-no-plaid-"));
  const env = Object.fromEntries(
    Object.entries(process.env).filter(([name]) => !/^(PLAID_|DATABASE_URL$|PORT$)/.test(name)),
  );
  // Port 0: the refusal comes before any port matters, and a stray success must not collide with anything.
  const child = spawn("npx", ["next", "start", "-p", "0", "-H", "127.0.0.1"], {
    env: { ...env, NODE_ENV: "production", PGLITE_DATA_DIR: dataDir, NEXT_TELEMETRY_DISABLED: "1" },
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
  // It stopped before opening the embedded database (which would have filled the folder).
  const opened = fs.readdirSync(dataDir);
  fs.rmSync(dataDir, { recursive: true, force: true });
  expect(code, output).toBe(1);
  expect(output).toContain("Mingus cannot start: Plaid is not configured.");
  for (const name of ["PLAID_ENV", "PLAID_CLIENT_ID", "PLAID_SECRET", "PLAID_EMULATOR=on"])
    expect(output).toContain(name);
  expect(opened).toEqual([]);
});
