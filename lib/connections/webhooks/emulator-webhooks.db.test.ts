// End to end with the emulator: it signs and POSTs webhooks over HTTP to a receiver here, which hands
// the exact bytes and headers to receivePlaidWebhook; keys come from the emulator's
// /webhook_verification_key/get through the app's own recorded client.
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { EmulatorServer } from "@mingus/plaid-emulator/testing";
import { CountryCode, Products, SandboxItemFireWebhookRequestWebhookCodeEnum } from "plaid";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { captureLogs } from "@/lib/log/test-support";
import { createPlaidCaller } from "@/lib/plaid/client";
import { createWebhookKeyCache } from "@/lib/plaid/webhooks/key-cache";
import { createPlaidKeyFetcher } from "@/lib/plaid/webhooks/plaid-keys";
import { startTestEmulator } from "@/lib/test/emulator";
import { createConnection, createUser } from "@/lib/test/factories";
import { receivePlaidWebhook } from "./receive";

type Delivery = { body: Buffer; headers: IncomingMessage["headers"]; status: number };

let emulator: EmulatorServer;
let receiver: Server;
let receiverUrl: string;
const deliveries: Delivery[] = [];
let fetchKey: (kid: string, now: Date) => ReturnType<ReturnType<typeof createWebhookKeyCache>["getKey"]>;

function toRequest(body: Buffer, headers: IncomingMessage["headers"]): Request {
  const webHeaders = new Headers();
  for (const [name, value] of Object.entries(headers)) {
    for (const one of Array.isArray(value) ? value : value === undefined ? [] : [value]) webHeaders.append(name, one);
  }
  return new Request(receiverUrl, { method: "POST", headers: webHeaders, body: new Uint8Array(body) });
}

beforeAll(async () => {
  emulator = await startTestEmulator();
  const { callPlaid } = createPlaidCaller({
    mode: "emulator",
    basePath: emulator.url,
    clientId: "webhook-test-client",
    secret: "webhook-test-secret",
    appUrl: "http://127.0.0.1",
    webhookUrl: "http://127.0.0.1/api/plaid/webhook",
    redirectUri: "http://localhost:3000/oauth-return",
    countryCodes: [CountryCode.Us],
  });
  const keys = createWebhookKeyCache({ fetchKey: createPlaidKeyFetcher(callPlaid) });
  fetchKey = (kid, now) => keys.getKey(kid, now);

  receiver = createServer(async (request, out) => {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks);
    const response = await receivePlaidWebhook(toRequest(body, request.headers), { fetchKey });
    deliveries.push({ body, headers: request.headers, status: response.status });
    out.writeHead(response.status, { "Content-Type": "application/json" }).end(await response.text());
  });
  await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
  receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/api/plaid/webhook`;
});

afterAll(async () => {
  await new Promise<void>((resolve) => receiver.close(() => resolve()));
  await emulator.close();
});

async function linkItem() {
  const { data: created } = await emulator.api.sandboxPublicTokenCreate({
    institution_id: "ins_109508",
    initial_products: [Products.Transactions],
    options: { webhook: receiverUrl },
  });
  const { data: exchanged } = await emulator.api.itemPublicTokenExchange({ public_token: created.public_token });
  // The exchange sends SYNC_UPDATES_AVAILABLE, as Plaid does, before this test has the connection.
  await emulator.flushWebhooks();
  const user = await createUser();
  const connection = await createConnection({ userId: user.id, itemId: exchanged.item_id });
  return { accessToken: exchanged.access_token, connection };
}

async function fire(accessToken: string, code: SandboxItemFireWebhookRequestWebhookCodeEnum) {
  await emulator.api.sandboxItemFireWebhook({ access_token: accessToken, webhook_code: code });
  await emulator.flushWebhooks();
  return deliveries.at(-1);
}

describe("webhooks from the emulator", () => {
  it("verifies a fired SYNC_UPDATES_AVAILABLE with the emulator's key and queues a sync", async () => {
    const { accessToken, connection } = await linkItem();
    expect(await db.plaidWebhookEvent.findMany({ where: { itemId: connection.itemId } })).toEqual([
      expect.objectContaining({ webhookCode: "SYNC_UPDATES_AVAILABLE", status: "ignored", error: "unknown_item" }),
    ]);
    // The same bytes signed in the same second would be the same delivery; Plaid's next one is later.
    await new Promise((resolve) => setTimeout(resolve, 1005 - (Date.now() % 1000)));
    const delivery = await fire(accessToken, SandboxItemFireWebhookRequestWebhookCodeEnum.SyncUpdatesAvailable);
    expect(delivery?.status).toBe(200);
    expect(delivery?.headers["plaid-verification"]).toBeTruthy();
    const events = await db.plaidWebhookEvent.findMany({ where: { itemId: connection.itemId } });
    expect(events).toEqual([
      expect.objectContaining({
        webhookCode: "SYNC_UPDATES_AVAILABLE",
        status: "processed",
        plaidConnectionId: connection.id,
      }),
    ]);
    expect(await db.transactionSync.count({ where: { plaidConnectionId: connection.id, status: "pending" } })).toBe(1);
    const sent = await emulator.emulator.store.query<{ status_code: number | null }>(
      "SELECT status_code FROM plaid_emulator.webhooks WHERE item_id = $1 ORDER BY created_at",
      [connection.itemId],
    );
    expect(sent.map((webhook) => webhook.status_code)).toEqual([200, 200]);
  });

  it("follows reset_login and LOGIN_REPAIRED through to the connection's reauth flag", async () => {
    const { accessToken, connection } = await linkItem();
    await emulator.api.sandboxItemResetLogin({ access_token: accessToken });
    await emulator.flushWebhooks();
    expect(deliveries.at(-1)?.status).toBe(200);
    expect(await db.plaidConnection.findUniqueOrThrow({ where: { id: connection.id } })).toMatchObject({
      requiresReauth: true,
      lastError: "ITEM_LOGIN_REQUIRED",
    });
    const repaired = await fire(accessToken, SandboxItemFireWebhookRequestWebhookCodeEnum.LoginRepaired);
    expect(repaired?.status).toBe(200);
    expect(await db.plaidConnection.findUniqueOrThrow({ where: { id: connection.id } })).toMatchObject({
      requiresReauth: false,
      lastError: null,
    });
  });

  it("refuses the emulator's signed request once one byte of its body changes", async () => {
    const { accessToken } = await linkItem();
    const delivery = await fire(accessToken, SandboxItemFireWebhookRequestWebhookCodeEnum.NewAccountsAvailable);
    expect(delivery?.status).toBe(200);
    const body = Buffer.from(delivery?.body ?? "");
    const at = body.length - 2;
    body.writeUInt8(body.readUInt8(at) ^ 1, at);
    const { result: response, records } = await captureLogs(() =>
      receivePlaidWebhook(toRequest(body, delivery?.headers ?? {}), { fetchKey }),
    );
    expect(response.status).toBe(401);
    expect(records).toContainEqual(expect.objectContaining({ level: "warn", reason: "body_mismatch" }));
  });
});
