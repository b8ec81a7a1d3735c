import { exportJWK, generateKeyPair, SignJWT } from "jose";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { db, type Prisma } from "@/lib/db";
import { captureLogs } from "@/lib/log/test-support";
import type { WebhookKey } from "@/lib/plaid/webhooks/key-cache";
import { sha256Hex } from "@/lib/plaid/webhooks/verify";
import { createConnection, createUser } from "@/lib/test/factories";
import { receivePlaidWebhook } from "./receive";

// Lets a test make the sync queue fail, to see a handler failure answered with a retryable 500.
const syncFailure = vi.hoisted(() => ({ enabled: false }));
vi.mock("@/lib/sync/request-sync", async (importOriginal) => {
  const actual = await importOriginal<typeof import("@/lib/sync/request-sync")>();
  return {
    ...actual,
    requestAndEnqueueSync: (args: Parameters<typeof actual.requestAndEnqueueSync>[0]) =>
      syncFailure.enabled ? Promise.reject(new Error("queue unavailable")) : actual.requestAndEnqueueSync(args),
  };
});

const NOW = new Date(Math.floor(Date.now() / 1000) * 1000);
const NOW_SECONDS = NOW.getTime() / 1000;
let key: WebhookKey;
let privateKey: CryptoKey;

beforeAll(async () => {
  const pair = await generateKeyPair("ES256", { extractable: true });
  const jwk = await exportJWK(pair.publicKey);
  privateKey = pair.privateKey;
  key = {
    alg: "ES256",
    crv: "P-256",
    kid: "test-kid",
    kty: "EC",
    use: "sig",
    x: String(jwk.x),
    y: String(jwk.y),
    created_at: NOW_SECONDS - 3600,
    expired_at: null,
  };
});

afterEach(() => {
  syncFailure.enabled = false;
  vi.restoreAllMocks();
});

const fetchKey = async (kid: string) => (kid === key.kid ? key : null);

/** Plaid's way: the body pretty-printed with two spaces, signed over its exact bytes. */
async function signedRequest(
  payload: object | string,
  { iat = NOW_SECONDS, body = undefined as string | undefined } = {},
) {
  const sent = typeof payload === "string" ? payload : JSON.stringify(payload, null, 2);
  const token = await new SignJWT({ request_body_sha256: sha256Hex(new TextEncoder().encode(sent)) })
    .setProtectedHeader({ alg: "ES256", kid: key.kid, typ: "JWT" })
    .setIssuedAt(iat)
    .sign(privateKey);
  return { token, body: body ?? sent };
}

async function deliver(payload: object | string, options: { iat?: number; body?: string } = {}) {
  const { token, body } = await signedRequest(payload, options);
  const request = new Request("http://localhost/api/plaid/webhook", {
    method: "POST",
    headers: { "Content-Type": "application/json", "plaid-verification": token },
    body,
  });
  const response = await receivePlaidWebhook(request, { fetchKey, now: NOW });
  return { status: response.status, json: (await response.json()) as Record<string, unknown> };
}

async function newConnection(data: Partial<Prisma.PlaidConnectionUncheckedCreateInput> = {}) {
  const user = await createUser();
  return createConnection({ userId: user.id, ...data });
}

const reload = (id: string) => db.plaidConnection.findUniqueOrThrow({ where: { id } });
const eventsFor = (itemId: string) =>
  db.plaidWebhookEvent.findMany({ where: { itemId }, orderBy: { issuedAt: "asc" } });
const pendingSyncs = (plaidConnectionId: string) =>
  db.transactionSync.findMany({ where: { plaidConnectionId, status: "pending" } });

const syncUpdates = (itemId: string, extra: object = {}) => ({
  webhook_type: "TRANSACTIONS",
  webhook_code: "SYNC_UPDATES_AVAILABLE",
  item_id: itemId,
  initial_update_complete: true,
  historical_update_complete: true,
  environment: "sandbox",
  ...extra,
});
const itemWebhook = (itemId: string, code: string, extra: object = {}) => ({
  webhook_type: "ITEM",
  webhook_code: code,
  item_id: itemId,
  environment: "sandbox",
  ...extra,
});
const loginRequired = (itemId: string) =>
  itemWebhook(itemId, "ERROR", {
    error: {
      error_type: "ITEM_ERROR",
      error_code: "ITEM_LOGIN_REQUIRED",
      error_message: "the login details of this item have changed",
      display_message: null,
      status: 400,
    },
  });

describe("receivePlaidWebhook: verification at the door", () => {
  it("answers a forgery 401 with a generic body, logs one line without the body, and records nothing", async () => {
    const connection = await newConnection();
    const { token } = await signedRequest(syncUpdates(connection.itemId));
    const forged = JSON.stringify(syncUpdates(connection.itemId, { extra: "secret-looking" }), null, 2);
    const { result: response, lines } = await captureLogs(() =>
      receivePlaidWebhook(
        new Request("http://localhost/api/plaid/webhook", {
          method: "POST",
          headers: { "Plaid-Verification": token },
          body: forged,
        }),
        { fetchKey, now: NOW },
      ),
    );
    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({ error: "unverified" });
    expect(lines).toHaveLength(1);
    const line = String(lines[0]);
    expect(line).toContain("body_mismatch");
    expect(line).not.toContain("secret-looking");
    expect(line).not.toContain(token.slice(0, 20));
    expect(await eventsFor(connection.itemId)).toHaveLength(0);
    expect(await pendingSyncs(connection.id)).toHaveLength(0);
  });

  it("rejects a validly signed body whose whitespace was changed on the way", async () => {
    const connection = await newConnection();
    vi.spyOn(console, "warn").mockImplementation(() => {});
    const payload = syncUpdates(connection.itemId);
    const { status } = await deliver(payload, { body: JSON.stringify(payload) });
    expect(status).toBe(401);
    expect(await eventsFor(connection.itemId)).toHaveLength(0);
  });

  it("rejects a request without the header", async () => {
    vi.spyOn(console, "warn").mockImplementation(() => {});
    const response = await receivePlaidWebhook(
      new Request("http://localhost/api/plaid/webhook", { method: "POST", body: "{}" }),
      { fetchKey, now: NOW },
    );
    expect(response.status).toBe(401);
  });

  it("answers 400 to a validly signed body that is not JSON, and 413 to an oversized one", async () => {
    expect((await deliver("not json {")).status).toBe(400);
    expect((await deliver({ webhook_code: "X" })).status).toBe(400);
    expect((await deliver(`"${"a".repeat(300_000)}"`)).status).toBe(413);
  });
});

describe("receivePlaidWebhook: TRANSACTIONS", () => {
  it("queues one incremental sync for SYNC_UPDATES_AVAILABLE and records the event against the connection", async () => {
    const connection = await newConnection({ syncFrequency: "real_time" });
    const { status, json } = await deliver(syncUpdates(connection.itemId));
    expect(status).toBe(200);
    expect(json.result).toBe("processed");
    const syncs = await pendingSyncs(connection.id);
    expect(syncs).toHaveLength(1);
    expect(syncs[0]).toMatchObject({ syncType: "incremental" });
    expect(syncs[0]?.context).toMatchObject({ trigger: "webhook", webhook_code: "SYNC_UPDATES_AVAILABLE" });
    const [event] = await eventsFor(connection.itemId);
    expect(event).toMatchObject({
      plaidConnectionId: connection.id,
      webhookType: "TRANSACTIONS",
      webhookCode: "SYNC_UPDATES_AVAILABLE",
      status: "processed",
      issuedAt: NOW,
    });
    expect(event?.processedAt).not.toBeNull();
  });

  it("queues for the legacy DEFAULT_UPDATE code too", async () => {
    const connection = await newConnection();
    await deliver(
      itemWebhook(connection.itemId, "DEFAULT_UPDATE", { webhook_type: "TRANSACTIONS", new_transactions: 3 }),
    );
    expect(await pendingSyncs(connection.id)).toHaveLength(1);
  });

  it("queues a sync (which reads /liabilities/get) for LIABILITIES DEFAULT_UPDATE", async () => {
    const connection = await newConnection();
    const { json } = await deliver(
      itemWebhook(connection.itemId, "DEFAULT_UPDATE", {
        webhook_type: "LIABILITIES",
        account_ids_with_new_liabilities: [],
        account_ids_with_updated_liabilities: { "acc-1": ["last_payment_amount"] },
      }),
    );
    expect(json.result).toBe("processed");
    const syncs = await pendingSyncs(connection.id);
    expect(syncs).toHaveLength(1);
    expect(syncs[0]?.context).toMatchObject({ trigger: "webhook", webhook_code: "DEFAULT_UPDATE" });
  });

  it("treats a redelivery of the same bytes as done: one event row, one queued sync", async () => {
    const connection = await newConnection();
    const payload = syncUpdates(connection.itemId);
    const { token, body } = await signedRequest(payload);
    const send = () =>
      receivePlaidWebhook(
        new Request("http://localhost/api/plaid/webhook", {
          method: "POST",
          headers: { "Plaid-Verification": token },
          body,
        }),
        { fetchKey, now: NOW },
      );
    const responses = await Promise.all([send(), send()]);
    const again = await send();
    expect([...responses, again].map((response) => response.status)).toEqual([200, 200, 200]);
    expect((await again.json()).result).toBe("duplicate");
    expect(await eventsFor(connection.itemId)).toHaveLength(1);
    expect(await pendingSyncs(connection.id)).toHaveLength(1);
  });

  it("handles the same payload again when Plaid sends it anew, keeping one row and one pending sync", async () => {
    const connection = await newConnection();
    await deliver(syncUpdates(connection.itemId), { iat: NOW_SECONDS - 10 });
    const again = await deliver(syncUpdates(connection.itemId));
    expect(again.json.result).toBe("processed");
    const events = await eventsFor(connection.itemId);
    expect(events).toHaveLength(1);
    expect(events[0]?.issuedAt).toEqual(NOW);
    expect(await pendingSyncs(connection.id)).toHaveLength(1);
  });

  it("queues again for a webhook that arrives after the queued sync was taken", async () => {
    const connection = await newConnection();
    await deliver(syncUpdates(connection.itemId), { iat: NOW_SECONDS - 10 });
    await db.transactionSync.updateMany({ where: { plaidConnectionId: connection.id }, data: { status: "success" } });
    await deliver(syncUpdates(connection.itemId));
    expect(await pendingSyncs(connection.id)).toHaveLength(1);
    expect(await db.transactionSync.count({ where: { plaidConnectionId: connection.id } })).toBe(2);
  });

  it("records but does not queue for a connection synced manually", async () => {
    const connection = await newConnection({ syncFrequency: "manual" });
    const { status, json } = await deliver(syncUpdates(connection.itemId));
    expect(status).toBe(200);
    expect(json.result).toBe("ignored");
    expect(await pendingSyncs(connection.id)).toHaveLength(0);
    expect((await eventsFor(connection.itemId))[0]).toMatchObject({
      status: "ignored",
      error: "manual_sync_frequency",
    });
  });

  it("answers 500 when the work fails, and does it when Plaid delivers the same bytes again", async () => {
    const connection = await newConnection();
    vi.spyOn(console, "error").mockImplementation(() => {});
    const payload = syncUpdates(connection.itemId);
    syncFailure.enabled = true;
    expect((await deliver(payload)).status).toBe(500);
    expect((await eventsFor(connection.itemId))[0]).toMatchObject({ status: "failed" });
    syncFailure.enabled = false;
    const retry = await deliver(payload);
    expect(retry).toMatchObject({ status: 200, json: { result: "processed" } });
    expect(await eventsFor(connection.itemId)).toHaveLength(1);
    expect(await pendingSyncs(connection.id)).toHaveLength(1);
  });
});

describe("receivePlaidWebhook: ITEM", () => {
  it("ERROR with ITEM_LOGIN_REQUIRED asks for re-authentication and stops scheduling", async () => {
    const connection = await newConnection({ nextSyncAt: NOW });
    await deliver(loginRequired(connection.itemId));
    expect(await reload(connection.id)).toMatchObject({
      requiresReauth: true,
      lastError: "ITEM_LOGIN_REQUIRED",
      lastErrorAt: NOW,
      nextSyncAt: null,
    });
  });

  it("another ERROR only records the error", async () => {
    const connection = await newConnection({ nextSyncAt: NOW });
    await deliver(itemWebhook(connection.itemId, "ERROR", { error: { error_code: "INSTITUTION_DOWN" } }));
    expect(await reload(connection.id)).toMatchObject({
      requiresReauth: false,
      lastError: "INSTITUTION_DOWN",
      lastErrorAt: NOW,
      nextSyncAt: NOW,
    });
  });

  it("LOGIN_REPAIRED clears the flag and the login error", async () => {
    const connection = await newConnection();
    await deliver(loginRequired(connection.itemId), { iat: NOW_SECONDS - 60 });
    await deliver(itemWebhook(connection.itemId, "LOGIN_REPAIRED"));
    expect(await reload(connection.id)).toMatchObject({ requiresReauth: false, lastError: null });
  });

  it("LOGIN_REPAIRED leaves an unrelated error in place", async () => {
    const connection = await newConnection({ requiresReauth: true, lastError: "INSTITUTION_DOWN" });
    await deliver(itemWebhook(connection.itemId, "LOGIN_REPAIRED"));
    expect(await reload(connection.id)).toMatchObject({ requiresReauth: false, lastError: "INSTITUTION_DOWN" });
  });

  it("PENDING_EXPIRATION records when access ends and keeps the connection syncing on schedule", async () => {
    const nextSyncAt = new Date(NOW.getTime() + 3_600_000);
    const expiring = await newConnection({ nextSyncAt });
    await deliver(
      itemWebhook(expiring.itemId, "PENDING_EXPIRATION", { consent_expiration_time: "2026-12-01T00:00:00Z" }),
    );
    expect(await reload(expiring.id)).toMatchObject({
      requiresReauth: false,
      nextSyncAt,
      consentExpiresAt: new Date("2026-12-01T00:00:00Z"),
      accessEndsAt: new Date("2026-12-01T00:00:00Z"),
    });
  });

  it("PENDING_DISCONNECT sets access_ends_at from disconnect_time, else 7 days after it was issued", async () => {
    const nextSyncAt = new Date(NOW.getTime() + 3_600_000);
    const dated = await newConnection({ nextSyncAt });
    await deliver(
      itemWebhook(dated.itemId, "PENDING_DISCONNECT", {
        reason: "INSTITUTION_TOKEN_EXPIRATION",
        disconnect_time: "2026-12-01T00:00:00Z",
      }),
    );
    expect(await reload(dated.id)).toMatchObject({
      requiresReauth: false,
      nextSyncAt,
      consentExpiresAt: null,
      accessEndsAt: new Date("2026-12-01T00:00:00Z"),
    });

    const undated = await newConnection();
    await deliver(itemWebhook(undated.itemId, "PENDING_DISCONNECT", { reason: "INSTITUTION_MIGRATION" }), {
      iat: NOW_SECONDS - 60,
    });
    expect((await reload(undated.id)).accessEndsAt).toEqual(new Date((NOW_SECONDS - 60) * 1000 + 7 * 86_400_000));
  });

  it("LOGIN_REPAIRED lifts access_ends_at and forgets a consent that has passed", async () => {
    const future = new Date(NOW.getTime() + 86_400_000);
    const pending = await newConnection({ accessEndsAt: future, consentExpiresAt: future });
    await deliver(itemWebhook(pending.itemId, "LOGIN_REPAIRED"));
    expect(await reload(pending.id)).toMatchObject({ accessEndsAt: null, consentExpiresAt: future });
    const past = new Date(NOW.getTime() - 86_400_000);
    const expired = await newConnection({ accessEndsAt: past, consentExpiresAt: past });
    await deliver(itemWebhook(expired.itemId, "LOGIN_REPAIRED"));
    expect(await reload(expired.id)).toMatchObject({ accessEndsAt: null, consentExpiresAt: null });
  });

  it.each(["USER_PERMISSION_REVOKED", "USER_ACCOUNT_REVOKED"])(
    "%s stops scheduling, records the revocation, and later SYNC_UPDATES_AVAILABLE queue nothing",
    async (code) => {
      const connection = await newConnection({ nextSyncAt: NOW });
      await deliver(itemWebhook(connection.itemId, code, { error: null }), { iat: NOW_SECONDS - 10 });
      expect(await reload(connection.id)).toMatchObject({ requiresReauth: true, lastError: code, nextSyncAt: null });
      const ready = await deliver({
        webhook_type: "TRANSACTIONS",
        webhook_code: "SYNC_UPDATES_AVAILABLE",
        item_id: connection.itemId,
      });
      expect(ready.json.result).toBe("ignored");
      expect(await db.transactionSync.count({ where: { plaidConnectionId: connection.id } })).toBe(0);
      expect((await reload(connection.id)).nextSyncAt).toBeNull();
    },
  );

  it("NEW_ACCOUNTS_AVAILABLE flags the connection and keeps its other metadata", async () => {
    const connection = await newConnection({ metadata: { kept: "yes" } });
    await deliver(itemWebhook(connection.itemId, "NEW_ACCOUNTS_AVAILABLE"));
    expect((await reload(connection.id)).metadata).toEqual({ kept: "yes", new_accounts_available: true });
  });

  it("WEBHOOK_UPDATE_ACKNOWLEDGED and unknown codes are recorded and ignored", async () => {
    const connection = await newConnection();
    const before = await reload(connection.id);
    await deliver(itemWebhook(connection.itemId, "WEBHOOK_UPDATE_ACKNOWLEDGED", { new_webhook_url: "https://x.test" }));
    await deliver(itemWebhook(connection.itemId, "SOMETHING_NEW"), { iat: NOW_SECONDS - 1 });
    await deliver(itemWebhook(connection.itemId, "constructor", { webhook_type: "__proto__" }), {
      iat: NOW_SECONDS - 2,
    });
    expect((await eventsFor(connection.itemId)).map((event) => event.status)).toEqual([
      "ignored",
      "ignored",
      "ignored",
    ]);
    expect(await reload(connection.id)).toEqual(before);
  });

  it("answers 200 and ignores a webhook for an item nobody has", async () => {
    const { status, json } = await deliver(loginRequired("item-nobody-has"));
    expect(status).toBe(200);
    expect(json.result).toBe("ignored");
    const [event] = await eventsFor("item-nobody-has");
    expect(event).toMatchObject({ status: "ignored", error: "unknown_item", plaidConnectionId: null });
  });
});

describe("receivePlaidWebhook: out-of-order delivery", () => {
  it("an ERROR issued before a LOGIN_REPAIRED but delivered after it changes nothing", async () => {
    const connection = await newConnection({ requiresReauth: true, lastError: "ITEM_LOGIN_REQUIRED" });
    await deliver(itemWebhook(connection.itemId, "LOGIN_REPAIRED"), { iat: NOW_SECONDS - 10 });
    const late = await deliver(loginRequired(connection.itemId), { iat: NOW_SECONDS - 100 });
    expect(late).toMatchObject({ status: 200, json: { result: "ignored" } });
    expect(await reload(connection.id)).toMatchObject({ requiresReauth: false, lastError: null });
    const error = (await eventsFor(connection.itemId))[0];
    expect(error).toMatchObject({ webhookCode: "ERROR", status: "ignored", error: "superseded" });
  });

  it("a LOGIN_REPAIRED issued before an ERROR but delivered after it changes nothing", async () => {
    const connection = await newConnection();
    await deliver(loginRequired(connection.itemId), { iat: NOW_SECONDS - 10 });
    await deliver(itemWebhook(connection.itemId, "LOGIN_REPAIRED"), { iat: NOW_SECONDS - 100 });
    expect(await reload(connection.id)).toMatchObject({ requiresReauth: true, lastError: "ITEM_LOGIN_REQUIRED" });
  });

  it("deliveries racing each other still end in the state of the latest issued", async () => {
    const connection = await newConnection();
    await Promise.all([
      deliver(itemWebhook(connection.itemId, "LOGIN_REPAIRED"), { iat: NOW_SECONDS - 10 }),
      deliver(loginRequired(connection.itemId), { iat: NOW_SECONDS - 20 }),
      deliver(itemWebhook(connection.itemId, "PENDING_EXPIRATION"), { iat: NOW_SECONDS - 30 }),
    ]);
    expect(await reload(connection.id)).toMatchObject({ requiresReauth: false });
  });

  it("in-order ERROR then LOGIN_REPAIRED ends repaired; a later ERROR flags it again", async () => {
    const connection = await newConnection();
    await deliver(loginRequired(connection.itemId), { iat: NOW_SECONDS - 100 });
    await deliver(itemWebhook(connection.itemId, "LOGIN_REPAIRED"), { iat: NOW_SECONDS - 50 });
    expect((await reload(connection.id)).requiresReauth).toBe(false);
    await deliver(loginRequired(connection.itemId));
    expect((await reload(connection.id)).requiresReauth).toBe(true);
  });
});
