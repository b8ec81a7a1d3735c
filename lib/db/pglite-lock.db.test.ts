// The embedded database is one process only: a second process opening the same folder must fail
// with a clear message instead of corrupting it, and succeed once the first has let go.
import { execFile } from "node:child_process";
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, expect, test } from "vitest";
import { EmbeddedDatabaseLockedError, openEmbeddedDatabase } from "./pglite";

const run = promisify(execFile);
let dir: string;

beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), "mingus-pglite-"));
});
afterAll(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

function migrateIn(dataDir: string) {
  const env = { ...process.env, PGLITE_DATA_DIR: dataDir, DATABASE_URL: "" };
  return run("npx", ["tsx", "--conditions=react-server", "scripts/migrate.ts"], { env, cwd: process.cwd() });
}

test("a second opener in this process is refused while the folder is held", async () => {
  const first = openEmbeddedDatabase(path.join(dir, "same-process"));
  try {
    expect(() => openEmbeddedDatabase(path.join(dir, "same-process"))).toThrow(EmbeddedDatabaseLockedError);
  } finally {
    await first.close();
  }
  const again = openEmbeddedDatabase(path.join(dir, "same-process"));
  await again.close();
});

test("another process fails clearly while the folder is held, then works once it is released", async () => {
  const dataDir = path.join(dir, "other-process");
  const held = openEmbeddedDatabase(dataDir);
  await held.pglite.waitReady;
  try {
    const failure = await migrateIn(dataDir).then(
      () => null,
      (error: { code: number; stderr: string }) => error,
    );
    expect(failure?.code).toBe(1);
    expect(failure?.stderr).toContain(`The embedded database in ${dataDir} is already open in another process`);
    expect(failure?.stderr).toContain("set DATABASE_URL to use PostgreSQL");
  } finally {
    await held.close();
  }
  const { stdout } = await migrateIn(dataDir);
  expect(stdout).toMatch(/Applied \d+ migration\(s\) to the embedded database/);
}, 120_000);
