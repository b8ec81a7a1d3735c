// Webhooks as Plaid sends them: Plaid's payloads to the item's URL, each with a Plaid-Verification
// ES256 JWT that verifies (jose, Plaid's documented algorithm) with the key /webhook_verification_key/get
// serves, and whose request_body_sha256 is the SHA-256 of the exact bytes received.
import { createHash } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { decodeProtectedHeader, importJWK, jwtVerify } from "jose";
import { SandboxItemFireWebhookRequestWebhookCodeEnum as Code, CountryCode, Products } from "plaid";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { missingKeys, RESPONSE_KEYS } from "./response-keys.ts";
import { readWebhooks } from "./test-support/read-state.ts";
import { testStore } from "./test-support/test-store.ts";
import { type EmulatorServer, linkSandboxItem, plaidFailure, startEmulatorServer } from "./testing.ts";
import { signWebhookBody } from "./webhooks.ts";

type Received = { path: string; body: Buffer; jwt: string };

let server: EmulatorServer;
let receiver: Server;
let receiverUrl: string;
const received: Received[] = [];

beforeAll(async () => {
  server = await startEmulatorServer({ store: testStore() });
  receiver = createServer(async (request, response) => {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    received.push({
      path: request.url ?? "",
      body: Buffer.concat(chunks),
      jwt: String(request.headers["plaid-verification"] ?? ""),
    });
    response.writeHead(request.url === "/broken" ? 500 : 200).end();
  });
  await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
  receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`;
});

beforeEach(() => {
  received.length = 0;
});

afterAll(async () => {
  await server.close();
  receiver.closeAllConnections();
  await new Promise((resolve) => receiver.close(resolve));
});

const linkItem = (webhook = `${receiverUrl}/hook`) => linkSandboxItem(server.api, { webhook });

/** Verifies a received webhook as a Plaid receiver does and returns its parsed body. */
async function verify({ body, jwt }: Received): Promise<Record<string, unknown>> {
  const header = decodeProtectedHeader(jwt);
  expect(header).toMatchObject({ alg: "ES256", typ: "JWT" });
  const { data } = await server.api.webhookVerificationKeyGet({ key_id: String(header.kid) });
  expect(missingKeys(data, RESPONSE_KEYS.WebhookVerificationKeyGetResponse)).toEqual([]);
  expect(missingKeys(data.key, RESPONSE_KEYS.JWKPublicKey)).toEqual([]);
  expect(data.key).toMatchObject({
    alg: "ES256",
    crv: "P-256",
    kty: "EC",
    use: "sig",
    kid: header.kid,
    expired_at: null,
  });
  const { payload } = await jwtVerify(jwt, await importJWK(data.key, "ES256"), { algorithms: ["ES256"] });
  expect(Math.abs(Number(payload.iat) - Date.now() / 1000)).toBeLessThan(300);
  expect(payload.request_body_sha256).toBe(createHash("sha256").update(body).digest("hex"));
  return JSON.parse(body.toString("utf8")) as Record<string, unknown>;
}

async function deliveredPayloads() {
  await server.flushWebhooks();
  return Promise.all(received.map(verify));
}

describe("webhooks", () => {
  it("tells a new item's webhook that its transactions are ready, signed", async () => {
    const { item_id } = await linkItem();
    expect(await deliveredPayloads()).toEqual([
      {
        webhook_type: "TRANSACTIONS",
        webhook_code: "SYNC_UPDATES_AVAILABLE",
        item_id,
        initial_update_complete: true,
        historical_update_complete: true,
        environment: "sandbox",
      },
    ]);
    const [record] = await readWebhooks(item_id);
    expect(record).toMatchObject({ statusCode: 200, error: null, url: `${receiverUrl}/hook` });
  });

  it("fires the sandbox webhooks in Plaid's shapes, changing the item where the webhook says so", async () => {
    const { access_token, item_id } = await linkItem();
    await deliveredPayloads();
    received.length = 0;
    for (const code of [Code.DefaultUpdate, Code.NewAccountsAvailable, Code.PendingDisconnect, Code.Error]) {
      const { data } = await server.api.sandboxItemFireWebhook({ access_token, webhook_code: code });
      expect(missingKeys(data, RESPONSE_KEYS.SandboxItemFireWebhookResponse)).toEqual([]);
    }
    // Deliveries run concurrently, as Plaid's do: order is not promised.
    const byCode = new Map((await deliveredPayloads()).map((payload) => [payload.webhook_code, payload]));
    const [defaultUpdate, newAccounts, pendingDisconnect, error] = [
      "DEFAULT_UPDATE",
      "NEW_ACCOUNTS_AVAILABLE",
      "PENDING_DISCONNECT",
      "ERROR",
    ].map((code) => byCode.get(code));
    expect(defaultUpdate).toMatchObject({
      webhook_type: "TRANSACTIONS",
      webhook_code: "DEFAULT_UPDATE",
      item_id,
      new_transactions: 0,
    });
    expect(newAccounts).toMatchObject({ webhook_type: "ITEM", webhook_code: "NEW_ACCOUNTS_AVAILABLE", error: null });
    expect(pendingDisconnect).toMatchObject({
      webhook_code: "PENDING_DISCONNECT",
      reason: "INSTITUTION_TOKEN_EXPIRATION",
    });
    expect(Date.parse(String(pendingDisconnect?.disconnect_time))).toBeGreaterThan(Date.now());
    expect(error).toMatchObject({ webhook_type: "ITEM", webhook_code: "ERROR", environment: "sandbox" });
    expect(missingKeys(error?.error, RESPONSE_KEYS.PlaidError)).toEqual([]);
    expect(error?.error).toMatchObject({ error_code: "ITEM_LOGIN_REQUIRED", error_type: "ITEM_ERROR" });
    expect((await plaidFailure(server.api.accountsGet({ access_token }))).body.error_code).toBe("ITEM_LOGIN_REQUIRED");

    received.length = 0;
    await server.api.sandboxItemFireWebhook({ access_token, webhook_code: Code.LoginRepaired });
    expect(await deliveredPayloads()).toEqual([
      { webhook_type: "ITEM", webhook_code: "LOGIN_REPAIRED", item_id, environment: "sandbox" },
    ]);
    expect((await server.api.accountsGet({ access_token })).status).toBe(200);
  });

  it("sends ITEM ERROR on reset_login and SYNC_UPDATES_AVAILABLE after a refresh", async () => {
    const { access_token, item_id } = await linkItem();
    await server.api.transactionsRefresh({ access_token });
    await server.api.sandboxItemResetLogin({ access_token });
    const payloads = await deliveredPayloads();
    expect(payloads.map((payload) => payload.webhook_code).sort()).toEqual([
      "ERROR",
      "SYNC_UPDATES_AVAILABLE",
      "SYNC_UPDATES_AVAILABLE",
    ]);
    expect(payloads.every((payload) => payload.item_id === item_id)).toBe(true);
  });

  it("moves an item's webhook with /item/webhook/update and records failed deliveries", async () => {
    const { access_token, item_id } = await linkItem();
    await server.api.itemWebhookUpdate({ access_token, webhook: `${receiverUrl}/broken` });
    await server.flushWebhooks();
    const acknowledged = received.find((delivery) => delivery.path === "/broken") as Received;
    expect(await verify(acknowledged)).toMatchObject({
      webhook_code: "WEBHOOK_UPDATE_ACKNOWLEDGED",
      new_webhook_url: `${receiverUrl}/broken`,
    });
    const record = (await readWebhooks(item_id)).find((webhook) => webhook.url === `${receiverUrl}/broken`);
    expect(record).toMatchObject({ statusCode: 500, error: "HTTP 500" });
  });

  it("signs any body for other tests, and refuses unknown key ids", async () => {
    const body = JSON.stringify({ webhook_type: "TRANSACTIONS", webhook_code: "SYNC_UPDATES_AVAILABLE" });
    const jwt = await signWebhookBody(testStore(), { body });
    expect(await verify({ path: "/", body: Buffer.from(body), jwt })).toMatchObject({ webhook_type: "TRANSACTIONS" });
    await expect(verify({ path: "/", body: Buffer.from(`${body} `), jwt })).rejects.toThrow();
    const unknown = await plaidFailure(server.api.webhookVerificationKeyGet({ key_id: "no-such-key" }));
    expect(unknown.status).toBe(400);
    expect(unknown.body).toMatchObject({
      error_type: "INVALID_INPUT",
      error_code: "INVALID_WEBHOOK_VERIFICATION_KEY_ID",
    });
  });
});

describe("webhook hosts", () => {
  let locked: EmulatorServer;
  beforeAll(async () => {
    locked = await startEmulatorServer({ store: testStore(), webhookHosts: [new URL(receiverUrl).host] });
  });
  afterAll(() => locked.close());

  it("refuses a webhook URL on any other host where it is given, and sends to an allowed one", async () => {
    // Loopback on another port, a private address, a cloud metadata address: a blind SSRF otherwise.
    const elsewhere = ["http://127.0.0.1:1/hook", "http://10.0.0.1/hook", "http://169.254.169.254/latest"];
    for (const webhook of elsewhere) {
      const created = await plaidFailure(linkSandboxItem(locked.api, { webhook }));
      expect(created.body).toMatchObject({ error_code: "INVALID_FIELD" });
      expect(String(created.body.error_message)).toContain("webhook");
    }
    const { access_token, item_id } = await linkSandboxItem(locked.api, { webhook: `${receiverUrl}/allowed` });
    for (const webhook of elsewhere) {
      const moved = await plaidFailure(locked.api.itemWebhookUpdate({ access_token, webhook }));
      expect(moved.body).toMatchObject({ error_code: "INVALID_FIELD" });
    }
    const token = await plaidFailure(
      locked.api.linkTokenCreate({
        user: { client_user_id: "someone" },
        client_name: "Mingus",
        language: "en",
        country_codes: [CountryCode.Us],
        products: [Products.Transactions],
        webhook: elsewhere[0],
      }),
    );
    expect(token.body).toMatchObject({ error_code: "INVALID_FIELD" });
    await locked.flushWebhooks();
    // The item's own webhook went out; nothing was recorded for the refused hosts.
    expect(received.some((delivery) => delivery.path === "/allowed")).toBe(true);
    const urls = (await readWebhooks(item_id)).map((record) => record.url);
    expect(urls.every((url) => url.startsWith(receiverUrl))).toBe(true);
  });
});
