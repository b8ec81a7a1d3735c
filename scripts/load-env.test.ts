// `npm run worker` and the other CLIs check the settings first: a bad one stops them with status 1 and a
// message naming it (no stack trace), before they open a database or take a job.
import { spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { expect, test } from "vitest";

const KEY = randomBytes(32).toString("base64");

function run(script: string, settings: Record<string, string>) {
  const env = Object.fromEntries(
    Object.entries(process.env).filter(
      ([name]) => !/^(DATABASE_URL|TOKEN_ENCRYPTION_KEY|NEXTAUTH_SECRET|VITEST.*)$/.test(name),
    ),
  );
  return spawnSync("node_modules/.bin/tsx", ["--conditions=react-server", script], {
    env: { ...env, NODE_ENV: "production", PGLITE_DATA_DIR: "memory://", ...settings },
    encoding: "utf8",
    timeout: 30_000,
  });
}

// One spawn (tsx compiles the worker's whole import graph): every CLI shares scripts/load-env.ts.
test("npm run worker with a key lacking its key id, and a bad SMTP_URL, exits 1 naming both", () => {
  const result = run("scripts/worker.ts", { TOKEN_ENCRYPTION_KEY: KEY, SMTP_URL: "mail.example.com:25" });
  expect(result.status, result.stderr).toBe(1);
  expect(result.stderr).toContain("Mingus cannot start. Invalid environment configuration:");
  expect(result.stderr).toContain('  TOKEN_ENCRYPTION_KEY: entry 1 has no key id: each entry must be "kid:base64key"');
  expect(result.stderr).toContain("  SMTP_URL: must be an smtp:// or smtps:// URL");
  // No key material and no stack trace: the message is the whole output.
  expect(result.stderr).not.toContain(KEY);
  expect(result.stderr).not.toMatch(/^\s+at /m);
}, 30_000);
