import { afterEach, describe, expect, test, vi } from "vitest";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { createUser } from "@/lib/test/factories";
import { createSession, userOfSession } from "./sessions";
import {
  findOrCreateOAuthUser,
  getUserById,
  promoteToAdmin,
  refreshRole,
  registerUser,
  revokeAdmin,
  verifyCredentials,
} from "./users";

const unique = () => `person-${Math.random().toString(36).slice(2, 10)}@example.test`;

afterEach(() => {
  vi.restoreAllMocks();
});

function listAsAdmins(email: string) {
  return vi.spyOn(env.ADMIN_EMAILS, "includes").mockImplementation((value) => value === email);
}

describe("registerUser", () => {
  test("stores an argon2id hash, never the password", async () => {
    const email = unique();
    const user = await registerUser({ email, password: "a long enough password", name: "Ada" });
    expect(user).toMatchObject({ email, name: "Ada", role: "user" });
    const row = await db.user.findUniqueOrThrow({ where: { email } });
    expect(row.passwordHash).toMatch(/^\$argon2id\$/);
    expect(row.passwordHash).not.toContain("a long enough password");
  });

  test("returns null for an email that is taken, leaving the first account as it was", async () => {
    const email = unique();
    await registerUser({ email, password: "first password here" });
    expect(await registerUser({ email, password: "second password here" })).toBeNull();
    expect(await verifyCredentials({ email, password: "first password here" })).not.toBeNull();
    expect(await db.user.count({ where: { email } })).toBe(1);
  });

  // The audit: whoever first signed up with an ADMIN_EMAILS address was admin at once.
  test("does not make an ADMIN_EMAILS address admin before it is confirmed", async () => {
    const email = unique();
    listAsAdmins(email);
    expect(await registerUser({ email, password: "a long enough password" })).toMatchObject({ role: "user" });
    expect(await verifyCredentials({ email, password: "a long enough password" })).toMatchObject({ role: "user" });
    expect((await db.user.findUniqueOrThrow({ where: { email } })).role).toBe("user");
  });
});

describe("verifyCredentials", () => {
  test("accepts the right password and refuses a wrong one or an unknown email", async () => {
    const email = unique();
    const user = await registerUser({ email, password: "the right password" });
    expect(await verifyCredentials({ email, password: "the right password" })).toEqual(user);
    expect(await verifyCredentials({ email, password: "the wrong password" })).toBeNull();
    expect(await verifyCredentials({ email: unique(), password: "the right password" })).toBeNull();
  });

  test("refuses a user who has no password (OAuth only)", async () => {
    const user = await createUser({ passwordHash: null });
    expect(await verifyCredentials({ email: user.email, password: "anything at all" })).toBeNull();
  });

  test("promotes a confirmed address added to ADMIN_EMAILS later", async () => {
    const email = unique();
    await registerUser({ email, password: "the right password" });
    await db.user.update({ where: { email }, data: { emailVerified: new Date() } });
    listAsAdmins(email);
    expect(await verifyCredentials({ email, password: "the right password" })).toMatchObject({ role: "admin" });
    expect((await db.user.findUniqueOrThrow({ where: { email } })).role).toBe("admin");
  });

  // The audit: the stored role survived removal from ADMIN_EMAILS.
  test("takes the role away at the next sign-in once the address leaves ADMIN_EMAILS", async () => {
    const email = unique();
    await registerUser({ email, password: "the right password" });
    await db.user.update({ where: { email }, data: { emailVerified: new Date() } });
    const listed = listAsAdmins(email);
    expect(await verifyCredentials({ email, password: "the right password" })).toMatchObject({ role: "admin" });
    listed.mockReturnValue(false);
    expect(await verifyCredentials({ email, password: "the right password" })).toMatchObject({ role: "user" });
    expect((await db.user.findUniqueOrThrow({ where: { email } })).role).toBe("user");
  });

  test("keeps an explicit grant whatever ADMIN_EMAILS says, until it is revoked", async () => {
    const email = unique();
    await registerUser({ email, password: "the right password" });
    expect(await promoteToAdmin({ email })).toBe("unconfirmed");
    expect(await verifyCredentials({ email, password: "the right password" })).toMatchObject({ role: "user" });
    expect(await promoteToAdmin({ email, force: true })).toBe("granted");
    expect(await verifyCredentials({ email, password: "the right password" })).toMatchObject({ role: "admin" });
    expect(await revokeAdmin({ email })).toBe("user");
    expect(await verifyCredentials({ email, password: "the right password" })).toMatchObject({ role: "user" });
    expect(await revokeAdmin({ email: unique() })).toBeNull();
  });

  test("a revoked grant leaves the role a confirmed, listed address gives", async () => {
    const user = await createUser();
    listAsAdmins(user.email);
    await promoteToAdmin({ email: user.email });
    expect(await revokeAdmin({ email: user.email })).toBe("admin");
  });

  test("a session's role is worked out on every request: off the list, off admin, at once", async () => {
    const user = await createUser();
    const sessionId = await createSession({ userId: user.id, origin: { address: "8.8.8.8", userAgent: null } });
    const listed = listAsAdmins(user.email);
    expect(await userOfSession({ sessionId, userId: user.id })).toMatchObject({ role: "admin" });
    listed.mockReturnValue(false);
    expect(await userOfSession({ sessionId, userId: user.id })).toMatchObject({ role: "user" });
  });

  test("refreshRole promotes a listed address as soon as it is confirmed", async () => {
    const user = await createUser({ emailVerified: null });
    listAsAdmins(user.email);
    await refreshRole({ userId: user.id });
    expect((await db.user.findUniqueOrThrow({ where: { id: user.id } })).role).toBe("user");
    await db.user.update({ where: { id: user.id }, data: { emailVerified: new Date() } });
    await refreshRole({ userId: user.id });
    expect((await db.user.findUniqueOrThrow({ where: { id: user.id } })).role).toBe("admin");
  });
});

describe("other lookups", () => {
  test("getUserById ignores malformed and unknown ids", async () => {
    expect(await getUserById("not-a-uuid")).toBeNull();
    expect(await getUserById("00000000-0000-4000-8000-000000000000")).toBeNull();
    const user = await createUser();
    expect(await getUserById(user.id)).toMatchObject({ id: user.id, email: user.email, role: "user" });
  });

  test("an OAuth sign-in creates the user once and finds them afterwards", async () => {
    const email = unique();
    const first = await findOrCreateOAuthUser({ email, name: "Grace" });
    const again = await findOrCreateOAuthUser({ email, name: "Someone Else" });
    expect(again.id).toBe(first.id);
    expect(again.name).toBe("Grace");
  });

  test("an OAuth sign-in to an account nobody confirmed confirms it and drops the password and sessions set before", async () => {
    // Someone signed up with the address first and set a password; the provider proves the address is
    // the OAuth user's, so that password must stop working.
    const email = unique();
    const squatter = await registerUser({ email, password: "the squatter's password" });
    await db.userSession.create({ data: { userId: squatter?.id ?? "", expiresAt: new Date(Date.now() + 60_000) } });
    const owner = await findOrCreateOAuthUser({ email, name: "Owner" });
    expect(owner.id).toBe(squatter?.id);
    const row = await db.user.findUniqueOrThrow({ where: { email } });
    expect(row.emailVerified).not.toBeNull();
    expect(row.passwordHash).toBeNull();
    expect(await db.userSession.count({ where: { userId: owner.id } })).toBe(0);
    expect(await verifyCredentials({ email, password: "the squatter's password" })).toBeNull();
  });

  test("an OAuth sign-in to a confirmed account keeps its password", async () => {
    const email = unique();
    await registerUser({ email, password: "the owner's password" });
    await db.user.update({ where: { email }, data: { emailVerified: new Date() } });
    await findOrCreateOAuthUser({ email });
    expect(await verifyCredentials({ email, password: "the owner's password" })).not.toBeNull();
  });

  test("promoteToAdmin promotes an existing user and reports an unknown email", async () => {
    const user = await createUser();
    expect(await promoteToAdmin({ email: user.email })).toBe("granted");
    expect((await getUserById(user.id))?.role).toBe("admin");
    expect(await promoteToAdmin({ email: unique() })).toBe("unknown");
  });
});
