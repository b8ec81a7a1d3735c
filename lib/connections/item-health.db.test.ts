// Item health against the real emulator: the check stores what /item/get and /institutions/get_by_id
// say (the bank's last update, consent expiry, the item's error with the webhooks' meaning, the bank's
// status), the daily sweep finds exactly the connections due, and webhook URLs are brought up to date.
import { describe, expect, it, vi } from "vitest";
import { db } from "@/lib/db";
import { setUpEmulatorServer } from "@/lib/test/emulator";

vi.mock("@/lib/plaid/config", () => import("@/lib/test/emulator"));

const { checkItemHealth, findDueHealthChecks, updateWebhookUrls } = await import("./index");
const { linkConnection } = await import("@/lib/sync/engine/test-support");
const { getPlaidConfig } = await import("@/lib/plaid/config");
const { findInstitutionTrouble } = await import("./institution-trouble");
const server = setUpEmulatorServer();

const DAY = 86_400_000;
const row = (id: string) => db.plaidConnection.findUniqueOrThrow({ where: { id } });
const plaidSecond = (date: Date) => new Date(Math.floor(date.getTime() / 1000) * 1000);

describe("checkItemHealth", () => {
  it("stores the bank's last update, consent expiry and institution status", async () => {
    const { connectionId, itemId } = await linkConnection(server, { institutionId: "ins_109510" });
    const stale = new Date(Date.now() - 5 * DAY);
    const consent = new Date(Date.now() + 40 * DAY);
    await server.post("/emulator/items/update", {
      item_id: itemId,
      last_successful_update: stale.toISOString(),
      consent_expiration_time: consent.toISOString(),
    });
    await server.post("/emulator/institutions/set_status", { institution_id: "ins_109510", status: "DEGRADED" });
    try {
      const now = new Date();
      expect(await checkItemHealth({ connectionId, now })).toBe("checked");
      const checked = await row(connectionId);
      expect(checked.bankLastUpdatedAt).toEqual(plaidSecond(stale));
      expect(checked.consentExpiresAt).toEqual(plaidSecond(consent));
      expect(checked.institutionStatus).toBe("DEGRADED");
      expect(checked.healthCheckedAt).toEqual(now);
      expect(checked.institutionStatusCheckedAt).toEqual(now);
      expect(checked.requiresReauth).toBe(false);
      const calls = await db.plaidApiCall.findMany({
        where: { plaidConnectionId: connectionId },
        select: { endpoint: true },
      });
      expect(calls.map((call) => call.endpoint)).toEqual(
        expect.arrayContaining(["/item/get", "/institutions/get_by_id"]),
      );
    } finally {
      await server.post("/emulator/institutions/set_status", { institution_id: "ins_109510", status: "HEALTHY" });
    }
  });

  it("treats ITEM_LOGIN_REQUIRED as its webhook does, and a repaired login as LOGIN_REPAIRED", async () => {
    const { connectionId, itemId } = await linkConnection(server);
    await server.post("/emulator/items/reset_login", { item_id: itemId });
    await checkItemHealth({ connectionId });
    const broken = await row(connectionId);
    expect(broken).toMatchObject({ requiresReauth: true, lastError: "ITEM_LOGIN_REQUIRED", nextSyncAt: null });

    // The person repairs the login at the bank (the emulator's item error cleared).
    await server.emulator.store.query("UPDATE plaid_emulator.items SET error = NULL WHERE item_id = $1", [itemId]);
    const now = new Date();
    await checkItemHealth({ connectionId, now });
    const repaired = await row(connectionId);
    expect(repaired).toMatchObject({ requiresReauth: false, lastError: null, nextSyncAt: now });
  });

  it("keeps what it knew when Plaid fails, and stamps the check so it waits a day", async () => {
    const { connectionId } = await linkConnection(server);
    await checkItemHealth({ connectionId });
    const before = await row(connectionId);
    expect(before.bankLastUpdatedAt).not.toBeNull();
    await server.post("/emulator/faults", { endpoint: "/item/get", error_code: "INTERNAL_SERVER_ERROR", remaining: 1 });
    const now = new Date(Date.now() + 1000);
    expect(await checkItemHealth({ connectionId, now })).toBe("item_failed");
    const after = await row(connectionId);
    expect(after.bankLastUpdatedAt).toEqual(before.bankLastUpdatedAt);
    expect(after.healthCheckedAt).toEqual(now);
    expect(after.institutionStatus).toBe("HEALTHY");
  });

  it("does nothing for an inactive or a demo connection", async () => {
    const { connectionId } = await linkConnection(server);
    await db.plaidConnection.update({ where: { id: connectionId }, data: { isActive: false } });
    expect(await checkItemHealth({ connectionId })).toBe("inactive");
    expect((await row(connectionId)).healthCheckedAt).toBeNull();
    const demo = await linkConnection(server);
    await db.plaidConnection.update({ where: { id: demo.connectionId }, data: { metadata: { demo: true } } });
    expect(await checkItemHealth({ connectionId: demo.connectionId })).toBe("demo");
    expect((await findDueHealthChecks({ limit: 1000 })).map((job) => job.connectionId)).not.toContain(
      demo.connectionId,
    );
    const calls = await db.plaidApiCall.count({
      where: { plaidConnectionId: demo.connectionId, endpoint: "/item/get" },
    });
    expect(calls).toBe(0);
  });
});

describe("findDueHealthChecks", () => {
  it("finds connections never checked or checked over a day ago, never first", async () => {
    const now = new Date();
    const never = await linkConnection(server);
    const old = await linkConnection(server);
    const recent = await linkConnection(server);
    await db.plaidConnection.update({
      where: { id: old.connectionId },
      data: { healthCheckedAt: new Date(now.getTime() - DAY - 1000) },
    });
    await db.plaidConnection.update({
      where: { id: recent.connectionId },
      data: { healthCheckedAt: new Date(now.getTime() - DAY / 2) },
    });
    const due = (await findDueHealthChecks({ now, limit: 1000 })).map((job) => job.connectionId);
    expect(due).toContain(never.connectionId);
    expect(due).toContain(old.connectionId);
    expect(due).not.toContain(recent.connectionId);
    expect(due.indexOf(never.connectionId)).toBeLessThan(due.indexOf(old.connectionId));
  });
});

describe("updateWebhookUrls", () => {
  it("stores the URL used at link, and updates only items whose URL differs", async () => {
    const { connectionId, itemId } = await linkConnection(server);
    const configured = getPlaidConfig().webhookUrl;
    expect((await row(connectionId)).webhookUrl).toBe(configured);

    const moved = "https://moved.example/api/plaid/webhook";
    const report = await updateWebhookUrls({ webhookUrl: moved });
    expect(report.failed).toEqual([]);
    expect(report.updated).toBe(report.checked);
    expect((await row(connectionId)).webhookUrl).toBe(moved);
    const [item] = await server.emulator.store.query<{ webhook: string }>(
      "SELECT webhook FROM plaid_emulator.items WHERE item_id = $1",
      [itemId],
    );
    expect(item?.webhook).toBe(moved);
    const calls = await db.plaidApiCall.count({
      where: { plaidConnectionId: connectionId, endpoint: "/item/webhook/update" },
    });
    expect(calls).toBe(1);

    // Nothing differs now: no call.
    expect((await updateWebhookUrls({ webhookUrl: moved })).checked).toBe(0);
  });

  it("reports an item Plaid refuses and goes on with the rest", async () => {
    const first = await linkConnection(server);
    const second = await linkConnection(server);
    await server.post("/emulator/faults", { item_id: first.itemId, error_code: "INTERNAL_SERVER_ERROR", remaining: 1 });
    const next = "https://next.example/api/plaid/webhook";
    const report = await updateWebhookUrls({ webhookUrl: next });
    expect(report.failed).toEqual([{ connectionId: first.connectionId, code: "INTERNAL_SERVER_ERROR" }]);
    expect((await row(first.connectionId)).webhookUrl).not.toBe(next);
    expect((await row(second.connectionId)).webhookUrl).toBe(next);
  });
});

describe("findInstitutionTrouble (Link exited with an error)", () => {
  it("says the bank is having trouble only when it is DEGRADED or DOWN", async () => {
    const bank = { institutionId: "ins_109512", institutionName: "Houndstooth Bank" };
    expect(await findInstitutionTrouble(bank)).toBeNull();
    await server.post("/emulator/institutions/set_status", { institution_id: "ins_109512", status: "DEGRADED" });
    try {
      expect(await findInstitutionTrouble(bank)).toEqual({
        status: "DEGRADED",
        message: expect.stringContaining("Houndstooth Bank is having trouble right now"),
      });
      await server.post("/emulator/institutions/set_status", { institution_id: "ins_109512", status: "DOWN" });
      expect((await findInstitutionTrouble(bank))?.status).toBe("DOWN");
    } finally {
      await server.post("/emulator/institutions/set_status", { institution_id: "ins_109512", status: "HEALTHY" });
    }
    // A bank Plaid does not know: nothing to say.
    expect(await findInstitutionTrouble({ institutionId: "ins_999999", institutionName: "Nowhere" })).toBeNull();
  });
});
