// /emulator/items/fire_webhook: any item webhook by item id, in Plaid's shape, and the item's state
// moving with it (consent expiration on /item/get and /emulator/items/list, revoked access failing the
// item's calls, LOGIN_REPAIRED restoring them); bad requests are refused and change nothing.
import { describe, expect, it } from "vitest";
import { readWebhooks } from "./test-support/read-state.ts";
import { useEmulatorServer } from "./test-support/test-store.ts";
import { linkSandboxItem, plaidFailure } from "./testing.ts";

// Nothing listens on port 9: deliveries are recorded (as failed), which is all these tests read.
const WEBHOOK = "http://127.0.0.1:9/webhook";
const DAY_MS = 24 * 60 * 60 * 1000;

const server = useEmulatorServer();

const fire = (body: Record<string, unknown>) => server.post("/emulator/items/fire_webhook", body);

async function sentPayloads(itemId: string) {
  await server.flushWebhooks();
  return (await readWebhooks(itemId)).map((webhook) => webhook.payload);
}

describe("/emulator/items/fire_webhook", () => {
  it("PENDING_EXPIRATION sends the consent expiration and /item/get and the list report it", async () => {
    const { access_token, item_id } = await linkSandboxItem(server.api, { webhook: WEBHOOK });
    const expires = new Date(Date.now() + 5 * DAY_MS);
    expires.setUTCMilliseconds(0);
    const answer = await fire({
      item_id,
      webhook_type: "ITEM",
      webhook_code: "PENDING_EXPIRATION",
      consent_expiration_time: expires.toISOString(),
    });
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ webhook_fired: true, request_id: expect.any(String) });
    expect(await sentPayloads(item_id)).toContainEqual({
      webhook_type: "ITEM",
      webhook_code: "PENDING_EXPIRATION",
      item_id,
      consent_expiration_time: expires.toISOString(),
      environment: "sandbox",
    });
    const { data } = await server.api.itemGet({ access_token });
    expect(data.item.consent_expiration_time).toBe(expires.toISOString().replace(".000Z", "Z"));
    const listed = await server.post("/emulator/items/list", {});
    const entry = (listed.body.items as { item_id: string; consent_expiration_time: string | null }[]).find(
      (item) => item.item_id === item_id,
    );
    expect(entry?.consent_expiration_time).toBe(data.item.consent_expiration_time);
    // The item keeps working until then.
    expect((await server.api.accountsGet({ access_token })).status).toBe(200);
  });

  it("PENDING_DISCONNECT carries the reason asked for and a disconnect time 7 days out", async () => {
    const { item_id } = await linkSandboxItem(server.api, { webhook: WEBHOOK });
    await fire({ item_id, webhook_type: "ITEM", webhook_code: "PENDING_DISCONNECT", reason: "INSTITUTION_MIGRATION" });
    const sent = (await sentPayloads(item_id)).find((payload) => payload.webhook_code === "PENDING_DISCONNECT");
    expect(sent).toMatchObject({ reason: "INSTITUTION_MIGRATION", item_id });
    const inDays = (Date.parse(String(sent?.disconnect_time)) - Date.now()) / DAY_MS;
    expect(inDays).toBeGreaterThan(6.9);
    expect(inDays).toBeLessThanOrEqual(7);
  });

  it("revocations make the item's calls fail with Plaid's codes, and LOGIN_REPAIRED restores them", async () => {
    const { access_token, item_id } = await linkSandboxItem(server.api, { webhook: WEBHOOK });
    const { data } = await server.api.accountsGet({ access_token });
    const accountId = data.accounts[1]?.account_id;
    await fire({ item_id, webhook_type: "ITEM", webhook_code: "USER_ACCOUNT_REVOKED", account_id: accountId });
    expect((await plaidFailure(server.api.transactionsSync({ access_token }))).body).toMatchObject({
      error_type: "ITEM_ERROR",
      error_code: "ACCESS_NOT_GRANTED",
    });
    await fire({ item_id, webhook_type: "ITEM", webhook_code: "USER_PERMISSION_REVOKED" });
    expect((await plaidFailure(server.api.accountsGet({ access_token }))).body).toMatchObject({
      error_type: "ITEM_ERROR",
      error_code: "USER_PERMISSION_REVOKED",
      error_message: "the holder of this account has revoked their permission for your application to access it",
    });
    const payloads = await sentPayloads(item_id);
    expect(payloads).toContainEqual({
      webhook_type: "ITEM",
      webhook_code: "USER_ACCOUNT_REVOKED",
      item_id,
      account_id: accountId,
      environment: "sandbox",
    });
    expect(payloads.find((payload) => payload.webhook_code === "USER_PERMISSION_REVOKED")).toMatchObject({
      error: { error_code: "USER_PERMISSION_REVOKED", error_type: "ITEM_ERROR" },
    });
    expect((await server.api.itemGet({ access_token })).data.item.error?.error_code).toBe("USER_PERMISSION_REVOKED");

    await fire({ item_id, webhook_type: "ITEM", webhook_code: "LOGIN_REPAIRED" });
    expect((await server.api.accountsGet({ access_token })).status).toBe(200);
  });

  it("ERROR sets the item error asked for (ITEM_LOGIN_REQUIRED by default)", async () => {
    const { access_token, item_id } = await linkSandboxItem(server.api, { webhook: WEBHOOK });
    await fire({ item_id, webhook_type: "ITEM", webhook_code: "ERROR", error_code: "ITEM_LOCKED" });
    expect((await plaidFailure(server.api.accountsGet({ access_token }))).body.error_code).toBe("ITEM_LOCKED");
    await fire({ item_id, webhook_type: "ITEM", webhook_code: "ERROR" });
    const sent = (await sentPayloads(item_id)).filter((payload) => payload.webhook_code === "ERROR");
    expect(sent.map((payload) => (payload.error as { error_code: string }).error_code)).toEqual([
      "ITEM_LOCKED",
      "ITEM_LOGIN_REQUIRED",
    ]);
  });

  it("Link's update mode renews an expiring consent", async () => {
    const { access_token, item_id } = await linkSandboxItem(server.api, { webhook: WEBHOOK });
    const expires = new Date(Date.now() + 3 * DAY_MS).toISOString();
    await fire({ item_id, webhook_type: "ITEM", webhook_code: "PENDING_EXPIRATION", consent_expiration_time: expires });
    const { data } = await server.api.linkTokenCreate({
      client_name: "Mingus",
      language: "en",
      country_codes: ["US"] as never,
      user: { client_user_id: "renewer" },
      access_token,
    });
    const session = await server.post("/link/session", { link_token: data.link_token });
    const login = await server.post("/link/login", {
      link_token: data.link_token,
      link_session_id: session.body.link_session_id,
      institution_id: "ins_109508",
      username: "user_good",
      password: "pass_good",
    });
    expect(login.status).toBe(200);
    const renewed = (await server.api.itemGet({ access_token })).data.item.consent_expiration_time;
    expect((Date.parse(String(renewed)) - Date.now()) / DAY_MS).toBeGreaterThan(89);
  });

  it("refuses unknown codes, a code under the wrong type and missing fields, changing nothing", async () => {
    const { access_token, item_id } = await linkSandboxItem(server.api, { webhook: WEBHOOK });
    const unknown = await fire({ item_id, webhook_type: "ITEM", webhook_code: "NO_SUCH_CODE" });
    expect(unknown.status).toBe(400);
    expect(unknown.body).toMatchObject({ error_code: "INVALID_FIELD" });
    expect(String(unknown.body.error_message)).toContain("webhook_code NO_SUCH_CODE is not supported");
    const wrongType = await fire({ item_id, webhook_type: "TRANSACTIONS", webhook_code: "USER_PERMISSION_REVOKED" });
    expect(wrongType.body.error_message).toBe(
      "webhook_code USER_PERMISSION_REVOKED is not a TRANSACTIONS webhook: it is a ITEM webhook",
    );
    const missing = await fire({ item_id, webhook_type: "ITEM", webhook_code: "PENDING_EXPIRATION" });
    expect(missing.body).toMatchObject({ error_code: "MISSING_FIELDS" });
    const past = await fire({
      item_id,
      webhook_type: "ITEM",
      webhook_code: "PENDING_EXPIRATION",
      consent_expiration_time: "2020-01-01T00:00:00Z",
    });
    expect(past.body).toMatchObject({ error_code: "INVALID_FIELD" });
    const badAccount = await fire({
      item_id,
      webhook_type: "ITEM",
      webhook_code: "USER_ACCOUNT_REVOKED",
      account_id: "nope",
    });
    expect(badAccount.body).toMatchObject({ error_code: "INVALID_ACCOUNT_ID" });
    expect(
      (await fire({ item_id: "no-such-item", webhook_type: "ITEM", webhook_code: "LOGIN_REPAIRED" })).body,
    ).toMatchObject({
      error_code: "ITEM_NOT_FOUND",
    });
    const noHook = await linkSandboxItem(server.api);
    expect(
      (await fire({ item_id: noHook.item_id, webhook_type: "ITEM", webhook_code: "USER_PERMISSION_REVOKED" })).body,
    ).toMatchObject({ error_code: "SANDBOX_WEBHOOK_INVALID" });
    expect((await server.api.accountsGet({ access_token: noHook.access_token })).status).toBe(200);
    expect(await sentPayloads(item_id)).toEqual([expect.objectContaining({ webhook_code: "SYNC_UPDATES_AVAILABLE" })]);
    expect((await server.api.itemGet({ access_token })).data.item).toMatchObject({
      error: null,
      consent_expiration_time: null,
    });
  });
});
