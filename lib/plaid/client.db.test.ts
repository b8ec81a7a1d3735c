// The recording Plaid client against a tiny HTTP server that answers as Plaid does: what it sends,
// what it records in plaid_api_calls, and the PlaidError it throws, which must hold nothing of the
// request (the access token, the secret).
import http from "node:http";
import type { AddressInfo } from "node:net";
import { inspect } from "node:util";
import { CountryCode } from "plaid";
import { afterAll, beforeAll, describe, expect, test, vi } from "vitest";
import { db } from "@/lib/db";
import { withLogContext } from "@/lib/log";
import { captureLogs } from "@/lib/log/test-support";
import { createConnection, createUser } from "@/lib/test/factories";
import { listRecentPlaidCalls } from "./calls";
import { callPlaid, createPlaidCaller, isPlaidError, PLAID_VERSION, PlaidError } from "./client";
import type { PlaidConfig } from "./config";

// Where the default (configured) client goes: the emulator, at an address that refuses at once.
vi.hoisted(() => {
  process.env.PLAID_EMULATOR_URL = "http://127.0.0.1:1/api/plaid-emulator";
});

const ACCESS_TOKEN = "access-sandbox-0f1e2d3c-4b5a-6978-secret-token";
const SECRET = "test-secret-7d9c1b";

type Received = { path: string; headers: http.IncomingHttpHeaders; body: Record<string, unknown> };
const received: Received[] = [];

function plaidError(code: string, type: string, display: string | null, requestId: string) {
  return {
    error_type: type,
    error_code: code,
    error_message: `${code} happened`,
    display_message: display,
    request_id: requestId,
  };
}

// Each path answers one way, as Plaid (or something in front of it) would.
const ROUTES: Record<string, (res: http.ServerResponse) => void> = {
  "/item/get": (res) => setTimeout(() => json(res, 200, { item: { item_id: "item-1" }, request_id: "req-ok-1" }), 60),
  "/accounts/get": (res) => json(res, 400, plaidError("ITEM_LOGIN_REQUIRED", "ITEM_ERROR", null, "req-login-1")),
  "/institutions/get_by_id": (res) =>
    json(res, 400, plaidError("INSTITUTION_DOWN", "INSTITUTION_ERROR", "This institution is down.", "req-down-1")),
  "/transactions/refresh": (res) => {
    res.setHeader("Retry-After", "7");
    json(res, 429, plaidError("RATE_LIMIT", "RATE_LIMIT_EXCEEDED", null, "req-rate-1"));
  },
  "/transactions/sync": (res) => res.socket?.destroy(),
  "/accounts/balance/get": (res) => {
    res.writeHead(502, { "content-type": "text/html" });
    res.end("<html>Bad gateway</html>");
  },
};

function json(res: http.ServerResponse, status: number, body: unknown) {
  res.writeHead(status, { "content-type": "application/json" });
  res.end(JSON.stringify(body));
}

const server = http.createServer((req, res) => {
  let raw = "";
  req.on("data", (chunk) => {
    raw += chunk;
  });
  req.on("end", () => {
    received.push({ path: req.url ?? "", headers: req.headers, body: JSON.parse(raw || "{}") });
    (ROUTES[req.url ?? ""] ?? ((r) => json(r, 404, {})))(res);
  });
});

let config: PlaidConfig;
let caller: ReturnType<typeof createPlaidCaller>;
let connectionId: string;

beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  config = {
    mode: "sandbox",
    basePath: `http://127.0.0.1:${port}`,
    clientId: "test-client-id",
    secret: SECRET,
    appUrl: "http://localhost:3000",
    webhookUrl: "http://localhost:3000/api/plaid/webhook",
    redirectUri: "http://localhost:3000/oauth-return",
    countryCodes: [CountryCode.Us],
  };
  caller = createPlaidCaller(config);
  const user = await createUser();
  connectionId = (await createConnection({ userId: user.id })).id;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

async function failure(endpoint: string, run: Parameters<typeof caller.callPlaid>[1]): Promise<PlaidError> {
  const error = await caller.callPlaid({ endpoint, connectionId }, run).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(PlaidError);
  return error as PlaidError;
}

const lastCall = () => db.plaidApiCall.findFirstOrThrow({ orderBy: { createdAt: "desc" } });

function expectNoSecrets(value: unknown) {
  for (const text of [JSON.stringify(value), inspect(value, { depth: 20, showHidden: true })]) {
    expect(text).not.toContain(ACCESS_TOKEN);
    expect(text).not.toContain(SECRET);
  }
}

describe("callPlaid", () => {
  test("sends the credentials and version headers, returns the body and records the call", async () => {
    const data = await caller.callPlaid({ endpoint: "/item/get", connectionId }, (api) =>
      api.itemGet({ access_token: ACCESS_TOKEN }),
    );
    expect(data).toMatchObject({ item: { item_id: "item-1" }, request_id: "req-ok-1" });
    const request = received.at(-1);
    expect(request?.path).toBe("/item/get");
    expect(request?.headers).toMatchObject({
      "plaid-client-id": "test-client-id",
      "plaid-secret": SECRET,
      "plaid-version": PLAID_VERSION,
    });
    expect(request?.body.access_token).toBe(ACCESS_TOKEN);

    const row = await lastCall();
    expect(row).toMatchObject({
      endpoint: "/item/get",
      plaidConnectionId: connectionId,
      environment: "sandbox",
      requestId: "req-ok-1",
      statusCode: 200,
      errorType: null,
      errorCode: null,
    });
    expect(row.durationMs).toBeGreaterThanOrEqual(50);
    expectNoSecrets(row);
  });

  test("turns ITEM_LOGIN_REQUIRED into plaid:item_login_required with a generic message", async () => {
    const error = await failure("/accounts/get", (api) => api.accountsGet({ access_token: ACCESS_TOKEN }));
    expect(error.code).toBe("plaid:item_login_required");
    expect(error.status).toBe(409);
    expect(error.message).toContain("ITEM_LOGIN_REQUIRED");
    expect(error.plaid).toEqual({
      error_type: "ITEM_ERROR",
      error_code: "ITEM_LOGIN_REQUIRED",
      error_message: "ITEM_LOGIN_REQUIRED happened",
      display_message: null,
      request_id: "req-login-1",
      status: 400,
      retryAfterSeconds: null,
    });
    expect(isPlaidError(error)).toBe(true);
    expect(isPlaidError(error, "ITEM_LOGIN_REQUIRED")).toBe(true);
    expect(isPlaidError(error, "plaid:item_login_required")).toBe(true);
    expect(isPlaidError(error, "ITEM_NOT_FOUND")).toBe(false);
    expect(isPlaidError(new Error("x"))).toBe(false);
    expectNoSecrets(error);
    const row = await lastCall();
    expect(row).toMatchObject({
      endpoint: "/accounts/get",
      plaidConnectionId: connectionId,
      requestId: "req-login-1",
      statusCode: 400,
      errorType: "ITEM_ERROR",
      errorCode: "ITEM_LOGIN_REQUIRED",
    });
  });

  test("uses Plaid's display_message as the message when there is one", async () => {
    const error = await failure("/institutions/get_by_id", (api) =>
      api.institutionsGetById({ institution_id: "ins_1", country_codes: [] }),
    );
    expect(error.code).toBe("plaid:error");
    expect(error.message).toBe("This institution is down.");
    expect(error.plaid).toMatchObject({ error_code: "INSTITUTION_DOWN", display_message: "This institution is down." });
  });

  test("reads Retry-After on a 429", async () => {
    const error = await failure("/transactions/refresh", (api) =>
      api.transactionsRefresh({ access_token: ACCESS_TOKEN }),
    );
    expect(error.plaid).toMatchObject({ error_type: "RATE_LIMIT_EXCEEDED", status: 429, retryAfterSeconds: 7 });
    expectNoSecrets(error);
    expect(await lastCall()).toMatchObject({ statusCode: 429, errorCode: "RATE_LIMIT", requestId: "req-rate-1" });
  });

  test("a dropped connection is a NETWORK_ERROR, recorded without a status", async () => {
    const error = await failure("/transactions/sync", (api) => api.transactionsSync({ access_token: ACCESS_TOKEN }));
    expect(error.code).toBe("plaid:error");
    expect(error.plaid).toMatchObject({ error_type: "API_ERROR", error_code: "NETWORK_ERROR", status: null });
    expectNoSecrets(error);
    expect(await lastCall()).toMatchObject({
      endpoint: "/transactions/sync",
      statusCode: null,
      requestId: null,
      errorCode: "NETWORK_ERROR",
    });
  });

  test("an HTTP error without a Plaid error object is UNEXPECTED_RESPONSE", async () => {
    const error = await failure("/accounts/balance/get", (api) =>
      api.accountsBalanceGet({ access_token: ACCESS_TOKEN }),
    );
    expect(error.plaid).toMatchObject({ error_code: "UNEXPECTED_RESPONSE", status: 502, request_id: null });
    expectNoSecrets(error);
  });

  test("still records the call when its connection no longer exists", async () => {
    const gone = "00000000-0000-4000-8000-000000000000";
    await caller.callPlaid({ endpoint: "/item/get", connectionId: gone }, (api) =>
      api.itemGet({ access_token: ACCESS_TOKEN }),
    );
    expect(await lastCall()).toMatchObject({ endpoint: "/item/get", plaidConnectionId: null, statusCode: 200 });
  });

  test("a failure to record never fails the call, and logs no secrets", async () => {
    const create = vi.spyOn(db.plaidApiCall, "create").mockRejectedValue(new Error(`boom ${ACCESS_TOKEN}`));
    try {
      const {
        result: data,
        lines,
        records,
      } = await captureLogs(() =>
        caller.callPlaid({ endpoint: "/item/get", connectionId }, (api) => api.itemGet({ access_token: ACCESS_TOKEN })),
      );
      expect(data).toMatchObject({ request_id: "req-ok-1" });
      expect(create).toHaveBeenCalled();
      expect(records).toContainEqual(
        expect.objectContaining({ level: "error", msg: "plaid: could not record the call", endpoint: "/item/get" }),
      );
      expectNoSecrets(lines);
    } finally {
      create.mockRestore();
    }
  });

  test("lists recent calls newest first, optionally for one connection", async () => {
    const all = await listRecentPlaidCalls({ limit: 3 });
    expect(all).toHaveLength(3);
    expect(all[0]?.createdAt.getTime()).toBeGreaterThanOrEqual(all[2]?.createdAt.getTime() ?? 0);
    const mine = await listRecentPlaidCalls({ connectionId });
    expect(mine.length).toBeGreaterThanOrEqual(5);
    expect(mine.every((call) => call.connectionId === connectionId)).toBe(true);
    expect(mine[0]?.endpoint).toBe("/accounts/balance/get");
  });

  test("records the request or job that made the call, as its log lines carry them", async () => {
    await withLogContext({ requestId: "req-abc-123" }, () =>
      caller.callPlaid({ endpoint: "/item/get", connectionId }, (api) => api.itemGet({ access_token: ACCESS_TOKEN })),
    );
    expect(await lastCall()).toMatchObject({ appRequestId: "req-abc-123", jobId: null });
    await withLogContext({ jobId: "job-42", queue: "sync", workerId: "w/1" }, () =>
      caller
        .callPlaid({ endpoint: "/accounts/get", connectionId }, (api) =>
          api.accountsGet({ access_token: ACCESS_TOKEN }),
        )
        .catch(() => undefined),
    );
    expect(await lastCall()).toMatchObject({ endpoint: "/accounts/get", appRequestId: null, jobId: "job-42" });
    await caller.callPlaid({ endpoint: "/item/get", connectionId }, (api) =>
      api.itemGet({ access_token: ACCESS_TOKEN }),
    );
    expect(await lastCall()).toMatchObject({ appRequestId: null, jobId: null });
  });

  test("the default client talks to the configured Plaid (the emulator here) and records its mode", async () => {
    const error = await callPlaid({ endpoint: "/item/get" }, (api) => api.itemGet({ access_token: ACCESS_TOKEN })).then(
      () => undefined,
      (e: unknown) => e,
    );
    // Nothing serves the emulator in this test: the call fails, and is still recorded.
    expect(isPlaidError(error, "NETWORK_ERROR")).toBe(true);
    expectNoSecrets(error);
    expect(await lastCall()).toMatchObject({ endpoint: "/item/get", environment: "emulator" });
  });
});
