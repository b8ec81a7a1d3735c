// The Plaid emulator as this server mounts it under /api/plaid-emulator: one instance per process, on
// the app's own database (the same PGlite instance on the embedded backend, since a second open of its
// folder would corrupt it; a pool of its own on PostgreSQL, opened lazily), its tables in schema plaid_emulator.
import "server-only";
import path from "node:path";
import {
  createPgliteStore,
  createPgStore,
  createPlaidEmulator,
  type EmulatorStore,
  type PlaidEmulator,
} from "@mingus/plaid-emulator";
import { after } from "next/server";
import { type Backend, getBackend } from "@/lib/db";
import { env } from "@/lib/env";
import { log } from "@/lib/log";
import { emulatorCredentials, emulatorWebhookHosts } from "./emulator-settings";

export const EMULATOR_BASE_PATH = "/api/plaid-emulator";

// On globalThis, as the database client is: Next.js may load this module in several bundles.
const mounted = globalThis as typeof globalThis & { __mingusEmulator?: { backend: Backend; emulator: PlaidEmulator } };

/** Webhooks start once the response that caused them is sent, so they never overtake it. */
function afterResponse(task: () => Promise<unknown>): void {
  try {
    after(task);
  } catch {
    // Outside a request (tests, scripts): no response to wait for.
    setImmediate(task);
  }
}

/**
 * A store for the emulator on the app's database: the app's own PGlite, or a pool of its own on
 * PostgreSQL (close() ends that pool and leaves the app's database open).
 */
export function createEmulatorStore(backend: Backend = getBackend()): EmulatorStore {
  return backend.kind === "embedded"
    ? createPgliteStore(backend.pglite)
    : createPgStore({ connectionString: backend.url, max: env.DATABASE_POOL_SIZE });
}

function createEmulator(backend: Backend): PlaidEmulator {
  return createPlaidEmulator({
    store: createEmulatorStore(backend),
    // From the working directory, as the app's own migrations are (lib/db/migrate.ts): the package's
    // default comes from import.meta.url, which webpack fixes at build time to the source file's path
    // on the build machine (not in the container). next.config.js ships the folder with the server.
    migrationsDir: path.join(process.cwd(), "packages", "plaid-emulator", "migrations"),
    basePath: EMULATOR_BASE_PATH,
    // The app's own pair only, and webhooks only to the app: see docs/security.md.
    credentials: emulatorCredentials(),
    webhookHosts: emulatorWebhookHosts(),
    defer: afterResponse,
    logError: (message, error) => log.error({ err: error }, `plaid emulator: ${message}`),
  });
}

/** The emulator on the current database, made on first use (and again if the database was reopened). */
export function getMountedEmulator(): PlaidEmulator {
  const backend = getBackend();
  const current = mounted.__mingusEmulator;
  if (current?.backend === backend) return current.emulator;
  // The database it was made on is closed (tests, CLIs reopen it): let its pool go.
  current?.emulator.close().catch(() => undefined);
  const emulator = createEmulator(backend);
  mounted.__mingusEmulator = { backend, emulator };
  return emulator;
}
