// sync_on_login: which of a person's connections signing in refreshes, by their resolved preference.
import { describe, expect, it } from "vitest";
import { db, type Prisma } from "@/lib/db";
import { createAccount, createConnection, createPreferences, createSync, createUser } from "@/lib/test/factories";
import { requestLoginSyncs, syncOnSignIn } from "./sign-in";

const NOW = new Date("2026-11-24T12:00:00Z");
const ago = (minutes: number) => new Date(NOW.getTime() - minutes * 60_000);

async function linked(userId: string, data: Partial<Prisma.PlaidConnectionUncheckedCreateInput> = {}) {
  const connection = await createConnection({ userId, lastSyncAt: ago(120), transactionsCursor: "c1", ...data });
  const account = await createAccount({ userId, plaidConnectionId: connection.id });
  return { connection, account };
}

describe("requestLoginSyncs", () => {
  it("syncs every connection by default (sync_on_login defaults to on), as a login-triggered run", async () => {
    const user = await createUser();
    const { connection } = await linked(user.id);
    const fresh = await linked(user.id, { transactionsCursor: null, institutionId: "ins_109509" });
    expect((await requestLoginSyncs({ userId: user.id, now: NOW })).sort()).toEqual(
      [connection.id, fresh.connection.id].sort(),
    );
    const run = await db.transactionSync.findFirstOrThrow({ where: { plaidConnectionId: connection.id } });
    expect(run).toMatchObject({ status: "pending", syncType: "incremental" });
    expect(run.context).toMatchObject({ trigger: "login" });
    const initial = await db.transactionSync.findFirstOrThrow({ where: { plaidConnectionId: fresh.connection.id } });
    expect(initial.syncType).toBe("initial");
  });

  it("follows the preference: the account's own row, else the user's global row", async () => {
    const user = await createUser();
    await createPreferences({ userId: user.id, syncOnLogin: false });
    const off = await linked(user.id);
    const on = await linked(user.id);
    await createPreferences({ userId: user.id, bankAccountId: on.account.id, syncOnLogin: true });
    const bare = await createConnection({ userId: user.id, lastSyncAt: ago(120) });
    expect(await requestLoginSyncs({ userId: user.id, now: NOW })).toEqual([on.connection.id]);
    expect(await db.transactionSync.count({ where: { plaidConnectionId: { in: [off.connection.id, bare.id] } } })).toBe(
      0,
    );
  });

  it("leaves manual, paused, re-authentication, demo, busy and freshly synced connections alone", async () => {
    const user = await createUser();
    await linked(user.id, { syncFrequency: "manual" });
    await linked(user.id, { pausedAt: ago(1) });
    await linked(user.id, { requiresReauth: true });
    await linked(user.id, { metadata: { demo: true } });
    await linked(user.id, { lastSyncAt: ago(5) });
    const busy = await linked(user.id);
    await createSync({ plaidConnectionId: busy.connection.id, status: "in_progress", startedAt: ago(1) });
    const other = await createUser();
    await linked(other.id);
    expect(await requestLoginSyncs({ userId: user.id, now: NOW })).toEqual([]);
  });
});

describe("syncOnSignIn", () => {
  it("finds an OAuth user by email, and never throws", async () => {
    const user = await createUser({ email: `oauth-${Date.now()}@example.test` });
    const { connection } = await linked(user.id, { lastSyncAt: null });
    await syncOnSignIn({ email: user.email.toUpperCase() });
    expect(await db.transactionSync.count({ where: { plaidConnectionId: connection.id, status: "pending" } })).toBe(1);
    await expect(syncOnSignIn({ userId: "not-a-uuid" })).resolves.toBeUndefined();
    await expect(syncOnSignIn({ email: null })).resolves.toBeUndefined();
  });
});
