// An emulator instance: a WHATWG fetch handler over one store, with the store's migrations run once
// before the first request, and the webhooks its calls cause.

import { logToConsole, type UnexpectedErrorLog } from "./errors.ts";
import { createRequestHandler } from "./handler.ts";
import type { ApiCredentials } from "./request.ts";
import { migrateEmulatorStore } from "./store/migrate.ts";
import type { EmulatorStore } from "./store/store.ts";
import { createWebhookSender, type Defer, nextTick } from "./webhooks.ts";

export type PlaidEmulatorOptions = {
  /** Where the emulator keeps its state (createPgStore, createPgliteStore). */
  store: EmulatorStore;
  /** The path the handler is mounted under, e.g. "/api/plaid-emulator"; the root by default. */
  basePath?: string;
  /** The emulator's clock (token expiry, dates of new transactions); tests move it. */
  clock?: () => Date;
  /**
   * When a webhook delivery starts. By default on the next tick; a framework host passes its own
   * "after the response" hook (Next.js `after`) so a webhook never overtakes the answer that caused it.
   */
  defer?: Defer;
  /** Answer browsers on other origins calling the Link stand-in's endpoints (CORS). Off by default. */
  cors?: boolean;
  /** The folder of the emulator's SQL migrations; the package's own by default. */
  migrationsDir?: string;
  /** Where unexpected errors are logged; the console by default. */
  logError?: UnexpectedErrorLog;
  /**
   * The only client_id and secret Plaid API calls may carry (INVALID_API_KEYS otherwise). Without it,
   * any non-empty pair passes: for tests, never for an emulator others can reach.
   */
  credentials?: ApiCredentials;
  /**
   * The hosts the emulator sends webhooks to ("host" or "host:port"); a webhook URL elsewhere is refused
   * with INVALID_FIELD where it is given and never called. Without it, any host.
   */
  webhookHosts?: readonly string[];
};

export type PlaidEmulator = {
  /** Answers one Plaid API call (or a Link stand-in or control call). */
  handle: (request: Request) => Promise<Response>;
  /** Applies pending migrations now (otherwise the first request does); the names applied. */
  migrate: () => Promise<string[]>;
  /** Resolves once every webhook queued so far has been delivered or has failed. */
  flushWebhooks: () => Promise<void>;
  /** Waits for queued webhooks, then closes the store if the store owns its connection. */
  close: () => Promise<void>;
  store: EmulatorStore;
};

export function createPlaidEmulator({
  store,
  basePath = "",
  clock = () => new Date(),
  defer = nextTick,
  cors = false,
  migrationsDir,
  logError = logToConsole,
  credentials,
  webhookHosts,
}: PlaidEmulatorOptions): PlaidEmulator {
  let migrated: Promise<string[]> | null = null;
  const migrate = () => {
    // Memoised, so concurrent first requests wait for one run; a failed run is retried by the next request.
    migrated ??= migrateEmulatorStore(store, { migrationsDir }).catch((error: unknown) => {
      migrated = null;
      throw error;
    });
    return migrated;
  };
  const webhooks = createWebhookSender({ sql: store, defer, allowedHosts: webhookHosts });
  const handle = createRequestHandler({
    store,
    webhooks,
    clock,
    basePath,
    ready: migrate,
    cors,
    logError,
    credentials,
  });
  return {
    handle,
    migrate,
    flushWebhooks: () => webhooks.flush(),
    async close() {
      await webhooks.flush();
      await store.close();
    },
    store,
  };
}
