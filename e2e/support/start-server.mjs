// Starts the built app (`next start`) for the end-to-end tests on a fresh database (a new embedded data
// folder, or a new PostgreSQL database dropped again on exit), migrated and seeded with demo users.
import { spawn, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import pg from "pg";
import { SMTPServer } from "smtp-server";

const [backend, port] = process.argv.slice(2);
const SEEDED_USERS = ["viewer@e2e.test", "editor@e2e.test"];
if (!["embedded", "postgresql"].includes(backend) || !port) {
  console.error("usage: start-server.mjs embedded|postgresql PORT");
  process.exit(2);
}

const env = {
  ...process.env,
  PORT: port,
  NEXT_TELEMETRY_DISABLED: "1",
  NEXTAUTH_URL: `http://127.0.0.1:${port}`,
  // Browsers refuse passkeys at an IP address: e2e/passkeys.spec.ts opens the app at localhost.
  PASSKEY_ORIGIN: `http://localhost:${port}`,
  NEXTAUTH_SECRET: "e2e-secret-that-is-long-enough-for-next-auth",
  // Seals Plaid access tokens; required with PostgreSQL. A fresh key per run: each run has a fresh database.
  TOKEN_ENCRYPTION_KEY: `e2e:${randomBytes(32).toString("base64")}`,
  ADMIN_EMAILS: "admin@e2e.test,second-admin@e2e.test",
  // Every spec signs people up, all from 127.0.0.1: the hourly limit per address would stop the suite.
  SIGN_UP_LIMIT: "100000",
  // A production build without Plaid's keys: the emulator is served only when asked for.
  PLAID_EMULATOR: "on",
  // The emulator's own key pair, required with PLAID_EMULATOR=on in production: the same as
  // e2e/support/emulator-keys.ts, which the specs send.
  PLAID_EMULATOR_CLIENT_ID: "e2e-emulator-client",
  PLAID_EMULATOR_SECRET: "e2e-emulator-secret-for-the-tests",
  // Link offers UK and Spanish banks on the embedded server only, so the specs see both sides of the
  // setting (e2e/plaid-oauth.spec.ts).
  ...(backend === "embedded" ? { PLAID_COUNTRY_CODES: "US,GB,ES" } : {}),
};
let cleanup = async () => {};

// A real SMTP server on loopback, as the app's mail server: every message it accepts is written to
// .data/e2e-mail-<port>/ (e2e/support/mailbox.ts reads them), so the tests see exactly what was sent.
const mailDir = path.resolve(".data", `e2e-mail-${port}`);
fs.rmSync(mailDir, { recursive: true, force: true });
fs.mkdirSync(mailDir, { recursive: true });
let received = 0;
const smtp = new SMTPServer({
  authOptional: true,
  disabledCommands: ["STARTTLS"],
  logger: false,
  onData(stream, _session, callback) {
    const chunks = [];
    stream.on("data", (chunk) => chunks.push(chunk));
    stream.on("end", () => {
      received += 1;
      const name = `${String(received).padStart(5, "0")}.eml`;
      fs.writeFileSync(path.join(mailDir, `${name}.tmp`), Buffer.concat(chunks));
      fs.renameSync(path.join(mailDir, `${name}.tmp`), path.join(mailDir, name));
      callback();
    });
  },
});
await new Promise((resolve) => smtp.listen(0, "127.0.0.1", resolve));
env.SMTP_URL = `smtp://127.0.0.1:${smtp.server.address().port}`;
env.MAIL_FROM = "Mingus <alerts@e2e.test>";

if (backend === "embedded") {
  const dataDir = path.resolve(".data", `e2e-${port}`);
  fs.rmSync(dataDir, { recursive: true, force: true });
  env.PGLITE_DATA_DIR = dataDir;
  delete env.DATABASE_URL;
  cleanup = async () => fs.rmSync(dataDir, { recursive: true, force: true });
} else {
  const server = process.env.MINGUS_TEST_DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";
  const name = `mingus_e2e_${randomBytes(4).toString("hex")}`;
  const admin = new pg.Client({ connectionString: server });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  await admin.end();
  const url = new URL(server);
  url.pathname = `/${name}`;
  env.DATABASE_URL = url.toString();
  cleanup = async () => {
    // E2E_KEEP_DATABASE=1 leaves it for a post-mortem (its name is printed).
    if (process.env.E2E_KEEP_DATABASE === "1") return console.error(`e2e database kept: ${name}`);
    const client = new pg.Client({ connectionString: server });
    await client.connect();
    await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await client.end();
  };
}

// Users with a year of demo data (password "mingus-demo"): one that tests only read, one they change.
const seeded = spawnSync(
  "npx",
  ["tsx", "--conditions=react-server", "scripts/seed.ts", ...SEEDED_USERS.flatMap((email) => ["--email", email])],
  { env, stdio: ["ignore", "ignore", "inherit"] },
);
if (seeded.status !== 0) {
  await cleanup();
  process.exit(1);
}

const child = spawn("npx", ["next", "start", "-p", port, "-H", "127.0.0.1"], { env, stdio: "inherit" });
// On PostgreSQL the web server only queues syncs, as in production: a separate worker process runs them.
// (The embedded server runs its workers itself.) A worker that a test stopped cleanly (SIGTERM, exit 0:
// e2e/admin.spec.ts looks at the no-worker banner meanwhile) is started again 60 s later; one that
// crashed stops everything.
const WORKER_RESTART_MS = 60_000;
const startWorker = () => {
  const started = spawn("npx", ["tsx", "--conditions=react-server", "scripts/worker.ts"], {
    env,
    stdio: ["ignore", "ignore", "inherit"],
  });
  started.on("exit", (code) => {
    if (stopping) return;
    if (code === 0) {
      setTimeout(() => {
        if (!stopping) worker = startWorker();
      }, WORKER_RESTART_MS);
      return;
    }
    console.error(`the sync worker exited (${code}); stopping the e2e server`);
    stop(1);
  });
  return started;
};
let stopping = false;
let worker = backend === "postgresql" ? startWorker() : null;
async function stop(code) {
  if (stopping) return;
  stopping = true;
  worker?.kill("SIGTERM");
  child.kill("SIGTERM");
  smtp.close();
  await cleanup().catch((error) => console.error(`cleanup failed: ${error.message}`));
  process.exit(code);
}
process.on("SIGTERM", () => stop(0));
process.on("SIGINT", () => stop(0));
child.on("exit", (code) => stop(code ?? 1));
