// Consent expiry and revoked access end to end through the database: the ITEM webhooks as the handlers
// apply them, the account list's banner data, the connection-expiring alert (once per expiry, off when
// switched off), and a revoked connection refusing Sync now while keeping its accounts.
import { describe, expect, it } from "vitest";
import { getDashboard } from "@/lib/accounts/dashboard";
import { db } from "@/lib/db";
import { startManualSync } from "@/lib/sync";
import { createAccount, createConnection, createPreferences, createUser } from "@/lib/test/factories";
import { handleWebhookEvent } from "./webhooks/handlers";

const DAY_MS = 24 * 60 * 60 * 1000;
let sequence = 0;

async function linked() {
  const user = await createUser();
  const connection = await createConnection({ userId: user.id, nextSyncAt: new Date(Date.now() + DAY_MS) });
  await createAccount({ userId: user.id, plaidConnectionId: connection.id });
  return { user, connection };
}

function itemWebhook(itemId: string, code: string, fields: Record<string, unknown> = {}, issuedAt = new Date()) {
  sequence += 1;
  return handleWebhookEvent({
    payload: { webhook_type: "ITEM", webhook_code: code, item_id: itemId, environment: "sandbox", ...fields },
    bodySha256: `access-ends-test-${Date.now()}-${sequence}-${Math.random()}`,
    issuedAt,
  });
}

const expiringNotifications = (userId: string) =>
  db.notification.findMany({ where: { userId, kind: "connection_expiring" } });

describe("consent expiry", () => {
  it("PENDING_EXPIRATION 5 days out shows the banner date, keeps the schedule and alerts once", async () => {
    const { user, connection } = await linked();
    const expires = new Date(Date.now() + 5 * DAY_MS);
    expires.setUTCMilliseconds(0);
    const fields = { consent_expiration_time: expires.toISOString() };
    expect(await itemWebhook(connection.itemId, "PENDING_EXPIRATION", fields)).toBe("processed");

    const [institution] = (await getDashboard({ userId: user.id })).institutions;
    expect(institution).toMatchObject({ accessEndsAt: expires, requiresReauth: false, revokedBy: null });
    const stored = await db.plaidConnection.findUniqueOrThrow({ where: { id: connection.id } });
    expect(stored.nextSyncAt).toEqual(connection.nextSyncAt);

    const [alert] = await expiringNotifications(user.id);
    expect(alert?.title).toMatch(/^Access to First Platypus Bank ends on /);
    // Plaid repeating itself is the same expiry: no second alert.
    await itemWebhook(connection.itemId, "PENDING_EXPIRATION", fields, new Date(Date.now() + 1000));
    expect(await expiringNotifications(user.id)).toHaveLength(1);
  });

  it("shows nothing while the expiry is more than 7 days away", async () => {
    const { user, connection } = await linked();
    const fields = { consent_expiration_time: new Date(Date.now() + 20 * DAY_MS).toISOString() };
    await itemWebhook(connection.itemId, "PENDING_EXPIRATION", fields);
    expect((await getDashboard({ userId: user.id })).institutions[0]?.accessEndsAt).toBeNull();
    expect(await expiringNotifications(user.id)).toHaveLength(0);
    // ...until a week before.
    const later = new Date(Date.now() + 14 * DAY_MS);
    expect((await getDashboard({ userId: user.id, now: later })).institutions[0]?.accessEndsAt).not.toBeNull();
  });

  it("the alert stays quiet when its switch is off", async () => {
    const { user, connection } = await linked();
    await createPreferences({ userId: user.id, connectionExpiringAlert: false });
    await itemWebhook(connection.itemId, "PENDING_DISCONNECT", { reason: "INSTITUTION_MIGRATION" });
    expect((await getDashboard({ userId: user.id })).institutions[0]?.accessEndsAt).not.toBeNull();
    expect(await expiringNotifications(user.id)).toHaveLength(0);
  });

  it("LOGIN_REPAIRED lifts the banner and re-arms the alert for the next expiry", async () => {
    const { user, connection } = await linked();
    await itemWebhook(connection.itemId, "PENDING_DISCONNECT", {}, new Date(Date.now() - 5000));
    expect(await expiringNotifications(user.id)).toHaveLength(1);
    await itemWebhook(connection.itemId, "LOGIN_REPAIRED", {}, new Date(Date.now() - 3000));
    expect((await getDashboard({ userId: user.id })).institutions[0]?.accessEndsAt).toBeNull();
    const fields = { consent_expiration_time: new Date(Date.now() + 3 * DAY_MS).toISOString() };
    await itemWebhook(connection.itemId, "PENDING_EXPIRATION", fields);
    expect(await expiringNotifications(user.id)).toHaveLength(2);
  });
});

describe("revoked access", () => {
  it.each([
    ["USER_PERMISSION_REVOKED", { error: { error_code: "USER_PERMISSION_REVOKED" } }],
    ["USER_ACCOUNT_REVOKED", { account_id: "acc-1" }],
  ])("%s stops syncing, refuses Sync now and keeps the accounts", async (code, fields) => {
    const { user, connection } = await linked();
    await itemWebhook(connection.itemId, code, fields);
    const stored = await db.plaidConnection.findUniqueOrThrow({ where: { id: connection.id } });
    expect(stored).toMatchObject({ requiresReauth: true, lastError: code, nextSyncAt: null, isActive: true });
    const [institution] = (await getDashboard({ userId: user.id })).institutions;
    expect(institution).toMatchObject({ revokedBy: code, requiresReauth: true });
    expect(institution?.accounts).toHaveLength(1);
    const outcome = await startManualSync({ userId: user.id, connectionId: connection.id });
    expect(outcome.result).toBe("access_revoked");
    expect(await db.transactionSync.count({ where: { plaidConnectionId: connection.id } })).toBe(0);
    // The reconnect alert tells the person; an expiring one would say the wrong thing.
    const kinds = (await db.notification.findMany({ where: { userId: user.id } })).map((row) => row.kind);
    expect(kinds).toEqual(["reconnect_required"]);
  });
});
