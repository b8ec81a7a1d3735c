// Changing and resetting passwords: the current password is required, a reset link works once within
// 30 minutes and is kept only as a hash, the answer never says whether an account exists, and either
// way the other sessions end.
import { createHash } from "node:crypto";
import { beforeEach, describe, expect, test, vi } from "vitest";
import { db } from "@/lib/db";
import { isAppError } from "@/lib/errors";
import { createSession, listSessions } from "./sessions";
import { registerUser, verifyCredentials } from "./users";

const mail = vi.hoisted(() => ({ sent: [] as { email: string; subject: string; text: string }[] }));
vi.mock("@/lib/notifications", () => ({
  sendAccountEmail: async (message: { email: string; subject: string; text: string }) => {
    mail.sent.push(message);
  },
}));

const { changePassword, requestPasswordReset, RESET_LIFETIME_MS, resetPassword } = await import("./passwords");

const OLD = "an old but decent passphrase";
const NEW = "violet tractor umbrella 42";
const unique = () => `person-${Math.random().toString(36).slice(2, 10)}@example.test`;
const address = () => `10.2.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`;
const origin = { address: "8.8.8.8", userAgent: null };

async function person() {
  const email = unique();
  const user = await registerUser({ email, password: OLD, name: "Grace" });
  if (!user) throw new Error("not registered");
  return user;
}

async function linkFor(email: string): Promise<string> {
  const pending = await requestPasswordReset({ email, address: address(), appUrl: "https://mingus.example" });
  await pending?.send();
  const text = mail.sent.at(-1)?.text ?? "";
  const token = /reset-password\?token=([A-Za-z0-9_-]+)/.exec(text)?.[1];
  if (!token) throw new Error("no link in the mail");
  return token;
}

beforeEach(() => {
  mail.sent.length = 0;
});

describe("changePassword", () => {
  test("with the current password: changed, and every other session ended", async () => {
    const user = await person();
    const here = await createSession({ userId: user.id, origin });
    await createSession({ userId: user.id, origin });
    const problem = await changePassword({
      userId: user.id,
      keepSessionId: here,
      currentPassword: OLD,
      newPassword: NEW,
      address: address(),
    });
    expect(problem).toBeNull();
    expect(await verifyCredentials({ email: user.email, password: NEW })).not.toBeNull();
    expect(await verifyCredentials({ email: user.email, password: OLD })).toBeNull();
    expect(await db.auditEvent.findFirst({ where: { userId: user.id, action: "password_changed" } })).toMatchObject({
      detail: { sessionsEnded: 1 },
    });
    expect((await listSessions({ userId: user.id })).map((session) => session.id)).toEqual([here]);
  });

  test("a wrong current password changes nothing, and five of them are throttled like sign-in", async () => {
    const user = await person();
    const from = address();
    const attempt = () =>
      changePassword({
        userId: user.id,
        keepSessionId: undefined,
        currentPassword: "guess",
        newPassword: NEW,
        address: from,
      });
    for (let i = 0; i < 5; i++) {
      const error = await attempt().catch((e: unknown) => e);
      expect(isAppError(error, "auth:wrong_password")).toBe(true);
    }
    await expect(attempt()).rejects.toThrow(/^Too many sign-in attempts\. Try again in 1[45] minutes\.$/);
    expect(await verifyCredentials({ email: user.email, password: OLD })).not.toBeNull();
  });

  test("a weak new password, or the same one, is a field problem and changes nothing", async () => {
    const user = await person();
    const change = (newPassword: string) =>
      changePassword({
        userId: user.id,
        keepSessionId: undefined,
        currentPassword: OLD,
        newPassword,
        address: address(),
      });
    expect((await change("1234567890"))?.newPassword).toMatch(/guess/i);
    expect((await change(`${user.email.split("@")[0]}2026!`))?.newPassword).toBeTruthy();
    expect(await change(OLD)).toEqual({ newPassword: "Choose a password you have not been using." });
    expect(await verifyCredentials({ email: user.email, password: OLD })).not.toBeNull();
  });
});

describe("password reset", () => {
  test("an unknown address gets no mail and the same answer (nothing to send)", async () => {
    expect(await requestPasswordReset({ email: unique(), address: address() })).toBeNull();
    expect(mail.sent).toEqual([]);
  });

  test("the link sets a new password once, ends every session, and is kept only as a hash", async () => {
    const user = await person();
    await createSession({ userId: user.id, origin });
    const token = await linkFor(user.email);
    expect(mail.sent[0]).toMatchObject({ email: user.email, subject: "Reset your Mingus password" });
    expect(mail.sent[0]?.text).toContain(`https://mingus.example/reset-password?token=${token}`);
    const row = await db.userToken.findFirstOrThrow({ where: { userId: user.id } });
    expect(row.tokenHash).toBe(createHash("sha256").update(token).digest("hex"));
    expect(JSON.stringify(row)).not.toContain(token);

    expect(await resetPassword({ token, newPassword: NEW })).toBeNull();
    expect(await verifyCredentials({ email: user.email, password: NEW })).not.toBeNull();
    expect(await listSessions({ userId: user.id })).toEqual([]);
    const again = await resetPassword({ token, newPassword: "another fine passphrase 7" }).catch((e: unknown) => e);
    expect(isAppError(again, "auth:link_invalid")).toBe(true);
    expect(await verifyCredentials({ email: user.email, password: NEW })).not.toBeNull();
  });

  test("a link past 30 minutes, a newer link's older sibling and a made-up token set nothing", async () => {
    const user = await person();
    const token = await linkFor(user.email);
    const late = new Date(Date.now() + RESET_LIFETIME_MS + 1000);
    await expect(resetPassword({ token, newPassword: NEW, now: late })).rejects.toThrow(/expired or was already used/);
    const newer = await linkFor(user.email);
    await expect(resetPassword({ token, newPassword: NEW })).rejects.toThrow(/expired or was already used/);
    await expect(resetPassword({ token: "x".repeat(43), newPassword: NEW })).rejects.toThrow(/expired/);
    await expect(resetPassword({ token: "not even the right shape", newPassword: NEW })).rejects.toThrow(/expired/);
    expect(await verifyCredentials({ email: user.email, password: OLD })).not.toBeNull();
    expect(await resetPassword({ token: newer, newPassword: NEW })).toBeNull();
  });

  test("a weak password does not use up the link", async () => {
    const user = await person();
    const token = await linkFor(user.email);
    expect((await resetPassword({ token, newPassword: "aaaaaaaaaa" }))?.newPassword).toBeTruthy();
    expect(await resetPassword({ token, newPassword: NEW })).toBeNull();
  });

  test("two uses of one link racing: exactly one sets its password", async () => {
    const user = await person();
    const token = await linkFor(user.email);
    const results = await Promise.allSettled([
      resetPassword({ token, newPassword: NEW }),
      resetPassword({ token, newPassword: "another fine passphrase 7" }),
    ]);
    expect(results.filter((result) => result.status === "fulfilled")).toHaveLength(1);
  });

  test("asking too often for one address is refused with when to try again", async () => {
    const user = await person();
    const from = address();
    for (let i = 0; i < 3; i++) await requestPasswordReset({ email: user.email, address: from });
    await expect(requestPasswordReset({ email: user.email, address: address() })).rejects.toThrow(
      /^Too many reset requests\. Try again in \d+ minutes\.$/,
    );
    // Unknown addresses are counted alike, so the refusal says nothing about an account.
    const ghost = unique();
    for (let i = 0; i < 3; i++) await requestPasswordReset({ email: ghost, address: address() });
    await expect(requestPasswordReset({ email: ghost, address: address() })).rejects.toThrow(/Too many reset requests/);
  });
});
