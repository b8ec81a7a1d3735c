// The emulator on a real HTTP port for tests: node:http → web Request → handleEmulatorRequest → the
// web Response written back. Tests talk to it with the official `plaid` client, exactly as the app
// does, under the same /api/plaid-emulator prefix the app serves.
import "server-only";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { Configuration, PlaidApi, Products, type SandboxPublicTokenCreateRequestOptions } from "plaid";
import { handleEmulatorRequest } from "./handler";

export const TEST_CLIENT_ID = "emulator-test-client";
export const TEST_SECRET = "emulator-test-secret";
const PREFIX = "/api/plaid-emulator";

export type RawAnswer = { status: number; headers: Headers; body: Record<string, unknown> };

export type EmulatorServer = {
  /** Base URL to give the plaid client, e.g. http://127.0.0.1:PORT/api/plaid-emulator. */
  url: string;
  /** The official client, with the test API keys. */
  api: PlaidApi;
  /** A raw POST (or other method) for what the client cannot send: bad JSON, missing keys... */
  post: (
    path: string,
    body: unknown,
    options?: { headers?: Record<string, string>; method?: string },
  ) => Promise<RawAnswer>;
  close: () => Promise<void>;
};

async function readBody(request: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

function toWebRequest(request: IncomingMessage, body: Buffer, origin: string): Request {
  const headers = new Headers();
  for (const [name, value] of Object.entries(request.headers)) {
    for (const one of Array.isArray(value) ? value : value === undefined ? [] : [value]) headers.append(name, one);
  }
  const method = request.method ?? "GET";
  const hasBody = method !== "GET" && method !== "HEAD";
  return new Request(new URL(request.url ?? "/", origin), {
    method,
    headers,
    body: hasBody ? new Uint8Array(body) : undefined,
  });
}

async function writeWebResponse(response: Response, out: ServerResponse): Promise<void> {
  out.writeHead(response.status, Object.fromEntries(response.headers));
  out.end(Buffer.from(await response.arrayBuffer()));
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

/** Starts the emulator on 127.0.0.1 and a free port; `now` moves the emulator's clock for tests. */
export async function startEmulatorServer({ now }: { now?: () => Date } = {}): Promise<EmulatorServer> {
  let origin = "";
  const server = createServer(async (request, out) => {
    try {
      const webRequest = toWebRequest(request, await readBody(request), origin);
      const { pathname } = new URL(webRequest.url);
      if (!pathname.startsWith(`${PREFIX}/`)) {
        await writeWebResponse(new Response("Not Found", { status: 404 }), out);
        return;
      }
      const path = pathname.slice(PREFIX.length);
      await writeWebResponse(await handleEmulatorRequest({ path, request: webRequest, now: now?.() }), out);
    } catch (error) {
      out.writeHead(500).end(String(error));
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const url = `${origin}${PREFIX}`;
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
  const close = () =>
    new Promise<void>((resolve, reject) => {
      server.closeAllConnections();
      server.close((error) => (error ? reject(error) : resolve()));
    });
  return { url, api, post, close };
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
