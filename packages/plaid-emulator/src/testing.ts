// For tests of the emulator and of apps that use it: the emulator on a real HTTP port (127.0.0.1, a
// free port), the official `plaid` client pointed at it, a raw POST for what the client cannot send,
// and helpers to make sandbox items and to read a failed call's Plaid error.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import type { RemovedTransaction } from "plaid";
import { Configuration, PlaidApi, Products, type SandboxPublicTokenCreateRequestOptions } from "plaid";
import { createPlaidEmulator, type PlaidEmulator, type PlaidEmulatorOptions } from "./emulator.ts";
import { toNodeListener } from "./node-http.ts";
import type { EmulatorStore } from "./store/store.ts";
import { appendTransactionEvents, withLockedItem } from "./transactions-log.ts";
import type { Defer } from "./webhooks.ts";

export const TEST_CLIENT_ID = "emulator-test-client";
export const TEST_SECRET = "emulator-test-secret";

export type RawAnswer = { status: number; headers: Headers; body: Record<string, unknown> };

export type EmulatorServer = {
  /** Base URL to give a Plaid client, e.g. http://127.0.0.1:PORT (plus the base path, if any). */
  url: string;
  /** The official client, with the test API keys. */
  api: PlaidApi;
  /** A raw POST (or other method) for what the client cannot send: bad JSON, missing keys... */
  post: (
    path: string,
    body: unknown,
    options?: { headers?: Record<string, string>; method?: string },
  ) => Promise<RawAnswer>;
  /** Resolves once every webhook queued so far has been delivered or has failed. */
  flushWebhooks: () => Promise<void>;
  /** Waits for queued webhooks and stops the server; the store stays open (its owner closes it). */
  close: () => Promise<void>;
  emulator: PlaidEmulator;
};

/**
 * An EmulatorServer that stands for whichever server `current()` returns when it is used: test files
 * start theirs in a beforeAll and hand this out at module level. Using it before the start throws.
 */
export function forwardToServer(current: () => EmulatorServer | null): EmulatorServer {
  return new Proxy({} as EmulatorServer, {
    get(_target, property) {
      const started = current();
      if (!started) throw new Error("the test emulator is used before it started (outside a test?)");
      const value = Reflect.get(started, property);
      return typeof value === "function" ? value.bind(started) : value;
    },
  });
}

/** The Plaid error a `plaid` client call failed with, and its HTTP status; throws if the call succeeded. */
export async function plaidFailure(call: Promise<unknown>): Promise<RawAnswer> {
  const outcome = await call.then(
    () => ({ failed: false as const }),
    (error: unknown) => ({ failed: true as const, error }),
  );
  if (!outcome.failed) throw new Error("expected the Plaid call to fail");
  // axios' error (the plaid client's own copy of axios, so no instanceof).
  const response = (outcome.error as { response?: { status: number; headers: Record<string, string>; data: unknown } })
    .response;
  if (!response) throw outcome.error;
  return {
    status: response.status,
    headers: new Headers(
      Object.entries(response.headers ?? {}).map(([name, value]): [string, string] => [name, String(value)]),
    ),
    body: response.data as Record<string, unknown>,
  };
}

/** Starts an emulator over `store` on 127.0.0.1 and a free port, migrating the store first. */
export async function startEmulatorServer({
  store,
  clock,
  basePath = "",
  defer,
  credentials,
  webhookHosts,
}: {
  store: EmulatorStore;
  /** Moves the emulator's clock (token expiry). */
  clock?: () => Date;
  basePath?: string;
  defer?: Defer;
  /** Lock it to one key pair (the TEST_CLIENT_ID and TEST_SECRET this server's clients send pass). */
  credentials?: PlaidEmulatorOptions["credentials"];
  webhookHosts?: PlaidEmulatorOptions["webhookHosts"];
}): Promise<EmulatorServer> {
  const emulator = createPlaidEmulator({ store, clock, basePath, defer, credentials, webhookHosts });
  await emulator.migrate();
  const server = createServer(toNodeListener(emulator.handle));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}${basePath}`;
  const api = new PlaidApi(
    new Configuration({
      basePath: url,
      baseOptions: { headers: { "PLAID-CLIENT-ID": TEST_CLIENT_ID, "PLAID-SECRET": TEST_SECRET } },
    }),
  );
  const post: EmulatorServer["post"] = async (path, body, options = {}) => {
    const response = await fetch(`${url}${path}`, {
      method: options.method ?? "POST",
      headers: {
        "Content-Type": "application/json",
        "PLAID-CLIENT-ID": TEST_CLIENT_ID,
        "PLAID-SECRET": TEST_SECRET,
        ...options.headers,
      },
      body: options.method === "GET" ? undefined : typeof body === "string" ? body : JSON.stringify(body),
    });
    const text = await response.text();
    let parsed: Record<string, unknown>;
    try {
      parsed = JSON.parse(text) as Record<string, unknown>;
    } catch {
      parsed = { text };
    }
    return { status: response.status, headers: response.headers, body: parsed };
  };
  const close = async () => {
    await emulator.flushWebhooks();
    await new Promise<void>((resolve, reject) => {
      server.closeAllConnections();
      server.close((error) => (error ? reject(error) : resolve()));
    });
  };
  return { url, api, post, flushWebhooks: emulator.flushWebhooks, close, emulator };
}

/** A First Platypus Bank item made without Link, as Plaid's sandbox makes one: its public token. */
export async function createSandboxPublicToken(
  api: PlaidApi,
  options: SandboxPublicTokenCreateRequestOptions = {},
): Promise<string> {
  const { data } = await api.sandboxPublicTokenCreate({
    institution_id: "ins_109508",
    initial_products: [Products.Transactions],
    options,
  });
  return data.public_token;
}

/** A sandbox item, exchanged: its access_token and item_id. */
export async function linkSandboxItem(api: PlaidApi, options: SandboxPublicTokenCreateRequestOptions = {}) {
  const public_token = await createSandboxPublicToken(api, options);
  return (await api.itemPublicTokenExchange({ public_token })).data;
}

/**
 * The bank withdraws transactions: they leave the item's history as `removed`, as when a bank drops a
 * charge it had reported. No webhook is sent; the next /transactions/sync reports them.
 */
export async function removeTransactions(
  store: EmulatorStore,
  { itemId, transactions }: { itemId: string; transactions: RemovedTransaction[] },
): Promise<void> {
  await withLockedItem(store, itemId, (tx) =>
    appendTransactionEvents(tx, {
      itemId,
      events: transactions.map((transaction) => ({ kind: "removed" as const, transaction })),
    }),
  );
}
