import { afterEach, describe, expect, test, vi } from "vitest";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { createUser } from "@/lib/test/factories";
import { findOrCreateOAuthUser, getUserById, promoteToAdmin, registerUser, verifyCredentials } from "./users";

const unique = () => `person-${Math.random().toString(36).slice(2, 10)}@example.test`;

afterEach(() => {
  vi.restoreAllMocks();
});

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

  test("makes ADMIN_EMAILS admins", async () => {
    const email = unique();
    vi.spyOn(env.ADMIN_EMAILS, "includes").mockImplementation((value) => value === email);
    expect(await registerUser({ email, password: "a long enough password" })).toMatchObject({ role: "admin" });
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

  test("promotes a user whose email was added to ADMIN_EMAILS later", async () => {
    const email = unique();
    await registerUser({ email, password: "the right password" });
    vi.spyOn(env.ADMIN_EMAILS, "includes").mockImplementation((value) => value === email);
    expect(await verifyCredentials({ email, password: "the right password" })).toMatchObject({ role: "admin" });
    expect((await db.user.findUniqueOrThrow({ where: { email } })).role).toBe("admin");
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

  test("promoteToAdmin promotes an existing user and reports an unknown email", async () => {
    const user = await createUser();
    expect(await promoteToAdmin({ email: user.email })).toBe(true);
    expect((await getUserById(user.id))?.role).toBe("admin");
    expect(await promoteToAdmin({ email: unique() })).toBe(false);
  });
});
