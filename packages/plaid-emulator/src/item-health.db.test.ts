// Item and institution health as Plaid reports them: /item/get's consent expiry, last successful and
// failed updates and last webhook; /institutions/get_by_id's status with include_status; the test
// hooks that change them; and the webhooks /transactions/refresh and /item/webhook/update send.
import { CountryCode } from "plaid";
import { afterEach, describe, expect, it } from "vitest";
import { readWebhooks } from "./test-support/read-state.ts";
import { useEmulatorServer } from "./test-support/test-store.ts";
import { linkSandboxItem, plaidFailure } from "./testing.ts";

const server = useEmulatorServer();
const DAY = 86_400_000;
const WEBHOOK = "http://127.0.0.1:1/first";

describe("/item/get", () => {
  it("reports the bank's last update, consent expiry and an error as Plaid does", async () => {
    const { access_token, item_id } = await linkSandboxItem(server.api, { webhook: WEBHOOK });
    const fresh = (await server.api.itemGet({ access_token })).data;
    expect(fresh.item.consent_expiration_time).toBeNull();
    expect(fresh.item.error).toBeNull();
    const created = Date.parse(String(fresh.status?.transactions?.last_successful_update));
    expect(Math.abs(created - Date.now())).toBeLessThan(60_000);
    expect(fresh.status?.transactions?.last_failed_update).toBeNull();

    const stale = new Date(Date.now() - 5 * DAY);
    const consent = new Date(Date.now() + 20 * DAY);
    const updated = await server.post("/emulator/items/update", {
      item_id,
      last_successful_update: stale.toISOString(),
      consent_expiration_time: consent.toISOString(),
    });
    expect(updated.status).toBe(200);
    const after = (await server.api.itemGet({ access_token })).data;
    expect(after.status?.transactions?.last_successful_update).toBe(stale.toISOString().replace(/\.\d{3}Z$/, "Z"));
    expect(after.item.consent_expiration_time).toBe(consent.toISOString().replace(/\.\d{3}Z$/, "Z"));

    await server.api.sandboxItemResetLogin({ access_token });
    const broken = (await server.api.itemGet({ access_token })).data;
    expect(broken.item.error?.error_code).toBe("ITEM_LOGIN_REQUIRED");
    // The last good update stands; the failure is recorded apart.
    expect(broken.status?.transactions?.last_successful_update).toBe(
      after.status?.transactions?.last_successful_update,
    );
    expect(broken.status?.transactions?.last_failed_update).not.toBeNull();
  });

  it("moves last_successful_update when the bank gives new data", async () => {
    const { access_token, item_id } = await linkSandboxItem(server.api, { webhook: WEBHOOK });
    await server.post("/emulator/items/update", {
      item_id,
      last_successful_update: new Date(Date.now() - 4 * DAY).toISOString(),
    });
    await server.post("/emulator/items/transactions/create", {
      item_id,
      transactions: [{ amount: 5, description: "COFFEE" }],
    });
    const { data } = await server.api.itemGet({ access_token });
    expect(Date.now() - Date.parse(String(data.status?.transactions?.last_successful_update))).toBeLessThan(60_000);
  });

  it("refuses a bad update with a clear error and changes nothing", async () => {
    const { access_token, item_id } = await linkSandboxItem(server.api);
    const before = (await server.api.itemGet({ access_token })).data.status?.transactions?.last_successful_update;
    const future = await server.post("/emulator/items/update", {
      item_id,
      last_successful_update: new Date(Date.now() + DAY).toISOString(),
      consent_expiration_time: new Date(Date.now() + DAY).toISOString(),
    });
    expect(future.status).toBe(400);
    expect(future.body.error_code).toBe("INVALID_FIELD");
    const empty = await server.post("/emulator/items/update", { item_id });
    expect(empty.status).toBe(400);
    const unknown = await server.post("/emulator/items/update", { item_id: "nope", consent_expiration_time: null });
    expect(unknown.body.error_code).toBe("ITEM_NOT_FOUND");
    const { data } = await server.api.itemGet({ access_token });
    expect(data.status?.transactions?.last_successful_update).toBe(before);
    expect(data.item.consent_expiration_time).toBeNull();
  });
});

describe("/institutions/get_by_id include_status", () => {
  const institution_id = "ins_109511";
  afterEach(async () => {
    await server.post("/emulator/institutions/set_status", { institution_id, status: "HEALTHY" });
  });
  const getStatus = async () =>
    (
      await server.api.institutionsGetById({
        institution_id,
        country_codes: [CountryCode.Us],
        options: { include_status: true },
      })
    ).data.institution.status;

  it("is absent without include_status, HEALTHY by default, and follows set_status", async () => {
    const plain = await server.api.institutionsGetById({ institution_id, country_codes: [CountryCode.Us] });
    expect(plain.data.institution.status).toBeUndefined();
    expect((await getStatus())?.transactions_updates?.status).toBe("HEALTHY");

    const set = await server.post("/emulator/institutions/set_status", { institution_id, status: "DEGRADED" });
    expect(set.status).toBe(200);
    const degraded = await getStatus();
    expect(degraded?.item_logins?.status).toBe("DEGRADED");
    expect(degraded?.transactions_updates?.breakdown.refresh_interval).toBe("DELAYED");
    const changedAt = degraded?.transactions_updates?.last_status_change;
    expect(Date.now() - Date.parse(String(changedAt))).toBeLessThan(60_000);

    await server.post("/emulator/institutions/set_status", { institution_id, status: "DOWN" });
    expect((await getStatus())?.transactions_updates?.breakdown.refresh_interval).toBe("STOPPED");
  });

  it("refuses an unknown institution or status", async () => {
    const unknown = await server.post("/emulator/institutions/set_status", { institution_id: "ins_0", status: "DOWN" });
    expect(unknown.body.error_code).toBe("INSTITUTION_NOT_FOUND");
    const bad = await server.post("/emulator/institutions/set_status", { institution_id, status: "BROKEN" });
    expect(bad.status).toBe(400);
    expect((await getStatus())?.item_logins?.status).toBe("HEALTHY");
  });
});

describe("webhooks from refresh and webhook update", () => {
  it("/transactions/refresh sends SYNC_UPDATES_AVAILABLE when the bank has changes", async () => {
    const { access_token, item_id } = await linkSandboxItem(server.api, { webhook: WEBHOOK });
    await server.flushWebhooks();
    const before = (await readWebhooks(item_id)).length;
    const { data } = await server.api.transactionsRefresh({ access_token });
    expect(Object.keys(data)).toEqual(["request_id"]);
    await server.flushWebhooks();
    const sent = (await readWebhooks(item_id)).slice(before).map((hook) => hook.payload.webhook_code);
    expect(sent).toContain("SYNC_UPDATES_AVAILABLE");
  });

  it("/item/webhook/update records the URL and acknowledges to the new one", async () => {
    const { access_token, item_id } = await linkSandboxItem(server.api, { webhook: WEBHOOK });
    const next = "http://127.0.0.1:1/second";
    const { data } = await server.api.itemWebhookUpdate({ access_token, webhook: next });
    expect(data.item.webhook).toBe(next);
    expect((await server.api.itemGet({ access_token })).data.item.webhook).toBe(next);
    await server.flushWebhooks();
    const ack = (await readWebhooks(item_id)).find(
      (hook) => hook.payload.webhook_code === "WEBHOOK_UPDATE_ACKNOWLEDGED",
    );
    expect(ack?.url).toBe(next);
    expect(ack?.payload.new_webhook_url).toBe(next);
    const failure = await plaidFailure(
      server.api.itemWebhookUpdate({ access_token: "access-sandbox-nope", webhook: next }),
    );
    expect(failure.body.error_code).toBe("INVALID_ACCESS_TOKEN");
  });
});
