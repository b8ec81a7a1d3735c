// Proved addresses: sign-up answers the same for a new and a registered address (a confirmation link
// for one, a notice to the owner for the other), a link confirms only the address it went to and works
// once, moving the account needs the current password and the new address's link, and mails are
// throttled.
import { createHash } from "node:crypto";
import { beforeEach, describe, expect, test, vi } from "vitest";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { isAppError } from "@/lib/errors";
import { createUser } from "@/lib/test/factories";
import { hashPassword } from "./password";
import { ThrottledError } from "./rate-limit";
import { registerUser, verifyCredentials } from "./users";

const mail = vi.hoisted(() => ({ sent: [] as { email: string; subject: string; text: string }[] }));
vi.mock("@/lib/notifications", () => ({
  sendAccountEmail: async (message: { email: string; subject: string; text: string }) => {
    mail.sent.push(message);
  },
}));

const {
  confirmEmailLink,
  CONFIRM_LIFETIME_MS,
  getEmailStatus,
  requestEmailChange,
  resendConfirmation,
  signUpWithEmail,
} = await import("./email-addresses");

const PASSWORD = "an old but decent passphrase";
const APP = "https://mingus.example";
const unique = () => `person-${Math.random().toString(36).slice(2, 10)}@example.test`;
const address = () => `10.3.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`;

function tokenIn(text: string | undefined): string {
  const token = /verify-email\?token=([A-Za-z0-9_-]+)/.exec(text ?? "")?.[1];
  if (!token) throw new Error("no link in the mail");
  return token;
}

async function signUp(email = unique()) {
  const outcome = await signUpWithEmail({ email, password: PASSWORD, name: "Ada", appUrl: APP });
  await outcome.send();
  return { email, outcome };
}

async function expectAppError(promise: Promise<unknown>, code: string) {
  const error = await promise.catch((caught: unknown) => caught);
  expect(isAppError(error, code as never), String(error)).toBe(true);
}

beforeEach(() => {
  mail.sent.length = 0;
});

describe("signUpWithEmail", () => {
  test("a new address: an unconfirmed account and a link to confirm it, kept only as a hash", async () => {
    const { email, outcome } = await signUp();
    expect(outcome.created).toBe(true);
    const user = await db.user.findUniqueOrThrow({ where: { email } });
    expect(user.emailVerified).toBeNull();
    expect(mail.sent).toHaveLength(1);
    expect(mail.sent[0]).toMatchObject({ email, subject: "Confirm your email address for Mingus" });
    const token = tokenIn(mail.sent[0]?.text);
    const row = await db.userToken.findFirstOrThrow({ where: { userId: user.id, purpose: "email_verification" } });
    expect(row.tokenHash).toBe(createHash("sha256").update(token).digest("hex"));
    expect(row.email).toBe(email);
    expect(row.expiresAt.getTime() - row.createdAt.getTime()).toBe(CONFIRM_LIFETIME_MS);
    expect(JSON.stringify(await db.userToken.findMany({ where: { userId: user.id } }))).not.toContain(token);
  });

  // The audit: sign-up told whether an email is registered.
  test("a registered address: no account, the owner's password untouched, and a notice to the owner", async () => {
    const email = unique();
    await registerUser({ email, password: PASSWORD });
    const outcome = await signUpWithEmail({ email, password: "a stranger's other password", appUrl: APP });
    await outcome.send();
    expect(outcome.created).toBe(false);
    expect(await db.user.count({ where: { email } })).toBe(1);
    expect(await verifyCredentials({ email, password: PASSWORD })).not.toBeNull();
    expect(await verifyCredentials({ email, password: "a stranger's other password" })).toBeNull();
    expect(mail.sent).toHaveLength(1);
    expect(mail.sent[0]).toMatchObject({ email, subject: "You already have a Mingus account" });
    expect(mail.sent[0]?.text).toContain(`${APP}/forgot-password`);
    expect(mail.sent[0]?.text).not.toContain("token=");
  });

  test("a flood of sign-ups with someone's address reaches their mailbox 3 times an hour, silently", async () => {
    const email = unique();
    await registerUser({ email, password: PASSWORD });
    for (let attempt = 0; attempt < 5; attempt += 1) {
      const outcome = await signUpWithEmail({ email, password: "another password entirely", appUrl: APP });
      await outcome.send();
    }
    expect(mail.sent.filter((sent) => sent.email === email)).toHaveLength(3);
  });
});

describe("confirmEmailLink", () => {
  test("confirms the address once; a second opening says it is confirmed, a forged token is refused", async () => {
    const { email } = await signUp();
    const token = tokenIn(mail.sent[0]?.text);
    expect(await confirmEmailLink({ token })).toMatchObject({ outcome: "verified", email });
    const user = await db.user.findUniqueOrThrow({ where: { email } });
    expect(user.emailVerified).not.toBeNull();
    // A mail scanner opened it first: the person's own click still reads as confirmed.
    expect(await confirmEmailLink({ token })).toMatchObject({ outcome: "verified", email });
    await expectAppError(confirmEmailLink({ token: "A".repeat(43) }), "auth:link_invalid");
    await expectAppError(confirmEmailLink({ token: "not a token" }), "auth:link_invalid");
  });

  test("an expired link confirms nothing", async () => {
    const { email } = await signUp();
    const token = tokenIn(mail.sent[0]?.text);
    await expectAppError(
      confirmEmailLink({ token, now: new Date(Date.now() + CONFIRM_LIFETIME_MS + 1000) }),
      "auth:link_invalid",
    );
    expect((await db.user.findUniqueOrThrow({ where: { email } })).emailVerified).toBeNull();
  });

  test("a link mailed to an address the account has left confirms nothing", async () => {
    const { email } = await signUp();
    const token = tokenIn(mail.sent[0]?.text);
    const moved = unique();
    await db.user.update({ where: { email }, data: { email: moved } });
    await expectAppError(confirmEmailLink({ token }), "auth:link_invalid");
    expect((await db.user.findUniqueOrThrow({ where: { email: moved } })).emailVerified).toBeNull();
  });

  test("makes a listed address admin as soon as it is confirmed", async () => {
    const { email } = await signUp();
    vi.spyOn(env.ADMIN_EMAILS, "includes").mockImplementation((value) => value === email);
    expect((await db.user.findUniqueOrThrow({ where: { email } })).role).toBe("user");
    await confirmEmailLink({ token: tokenIn(mail.sent[0]?.text) });
    expect((await db.user.findUniqueOrThrow({ where: { email } })).role).toBe("admin");
    vi.restoreAllMocks();
  });
});

describe("resendConfirmation", () => {
  test("a new link retires the old one; nothing for a confirmed address; 3 an hour", async () => {
    const { email } = await signUp();
    const user = await db.user.findUniqueOrThrow({ where: { email } });
    const first = tokenIn(mail.sent[0]?.text);
    const again = await resendConfirmation({ userId: user.id, appUrl: APP });
    await again?.send();
    expect(again?.email).toBe(email);
    await expectAppError(confirmEmailLink({ token: first }), "auth:link_invalid");
    await (await resendConfirmation({ userId: user.id, appUrl: APP }))?.send();
    // The sign-up's link and two resends make three for the address.
    const error = await resendConfirmation({ userId: user.id, appUrl: APP }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ThrottledError);
    expect((error as Error).message).toMatch(/Try again in \d+ minutes?\./);
    await confirmEmailLink({ token: tokenIn(mail.sent.at(-1)?.text) });
    expect(await resendConfirmation({ userId: user.id, appUrl: APP })).toBeNull();
  });
});

describe("requestEmailChange", () => {
  test("needs the current password, and changes nothing until the new address's link is opened", async () => {
    const user = await createUser({ passwordHash: await hashPassword(PASSWORD) });
    await expectAppError(
      requestEmailChange({
        userId: user.id,
        currentPassword: "not the password",
        newEmail: unique(),
        address: address(),
      }),
      "auth:wrong_password",
    );
    expect(mail.sent).toHaveLength(0);
    expect(
      await requestEmailChange({
        userId: user.id,
        currentPassword: PASSWORD,
        newEmail: user.email,
        address: address(),
      }),
    ).toEqual({ newEmail: "That is already your address." });

    const newEmail = unique();
    const outcome = await requestEmailChange({
      userId: user.id,
      currentPassword: PASSWORD,
      newEmail,
      address: address(),
      appUrl: APP,
    });
    if (!("send" in outcome)) throw new Error("refused");
    await outcome.send();
    expect(mail.sent.at(-1)).toMatchObject({ email: newEmail, subject: "Confirm your new email address for Mingus" });
    expect((await db.user.findUniqueOrThrow({ where: { id: user.id } })).email).toBe(user.email);
    expect(await getEmailStatus({ userId: user.id })).toEqual({
      email: user.email,
      verified: true,
      pendingEmail: newEmail,
      hasPassword: true,
    });

    const confirmed = await confirmEmailLink({ token: tokenIn(mail.sent.at(-1)?.text), appUrl: APP });
    expect(confirmed).toMatchObject({ outcome: "changed", userId: user.id, email: newEmail });
    if (confirmed.outcome !== "changed") throw new Error("not changed");
    await confirmed.notify();
    expect(mail.sent.at(-1)).toMatchObject({ email: user.email, subject: "Your Mingus email address was changed" });
    expect(mail.sent.at(-1)?.text).toContain(newEmail);
    const row = await db.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(row.email).toBe(newEmail);
    expect(row.emailVerified).not.toBeNull();
    expect(await getEmailStatus({ userId: user.id })).toEqual({
      email: newEmail,
      verified: true,
      pendingEmail: null,
      hasPassword: true,
    });
    expect(await verifyCredentials({ email: newEmail, password: PASSWORD })).not.toBeNull();
  });

  test("an address another account took meanwhile: the account keeps its own", async () => {
    const user = await createUser({ email: unique(), passwordHash: await hashPassword(PASSWORD) });
    const wanted = unique();
    const outcome = await requestEmailChange({
      userId: user.id,
      currentPassword: PASSWORD,
      newEmail: wanted,
      address: address(),
      appUrl: APP,
    });
    if (!("send" in outcome)) throw new Error("refused");
    await outcome.send();
    await createUser({ email: wanted });
    await expectAppError(confirmEmailLink({ token: tokenIn(mail.sent.at(-1)?.text) }), "auth:email_taken");
    expect((await db.user.findUniqueOrThrow({ where: { id: user.id } })).email).toBe(user.email);
  });

  test("moving off an ADMIN_EMAILS address ends the role it gave", async () => {
    const listed = unique();
    const user = await createUser({ email: listed, passwordHash: await hashPassword(PASSWORD) });
    vi.spyOn(env.ADMIN_EMAILS, "includes").mockImplementation((value) => value === listed);
    const outcome = await requestEmailChange({
      userId: user.id,
      currentPassword: PASSWORD,
      newEmail: unique(),
      address: address(),
      appUrl: APP,
    });
    if (!("send" in outcome)) throw new Error("refused");
    await outcome.send();
    await confirmEmailLink({ token: tokenIn(mail.sent.at(-1)?.text) });
    expect((await db.user.findUniqueOrThrow({ where: { id: user.id } })).role).toBe("user");
    vi.restoreAllMocks();
  });
});
