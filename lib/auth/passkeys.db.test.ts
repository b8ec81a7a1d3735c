// Passkeys: added with the password (and a code when two-factor sign-in is on), signing in without a
// password, standing in for the app's code, each challenge good once and for 5 minutes, and refusing
// answers from another site, without user verification, from a cloned authenticator or for another
// account. A software authenticator (lib/test/soft-authenticator.ts) makes the browser's answers.
import { Secret, TOTP } from "otpauth";
import { describe, expect, test, vi } from "vitest";
import { listOwnAuditEvents } from "@/lib/audit";
import { db } from "@/lib/db";
import { isAppError } from "@/lib/errors";
import { SoftAuthenticator } from "@/lib/test/soft-authenticator";
import {
  beginPasskeyRegistration,
  beginPasskeySecondFactor,
  beginPasskeySignIn,
  finishPasskeyRegistration,
  finishPasskeySecondFactor,
  finishPasskeySignIn,
  listPasskeys,
  PASSKEY_LIMIT,
  passkeyAnswerSchema,
  passkeyDomain,
  passkeyRegistrationSchema,
  removePasskey,
} from "./passkeys";
import { ThrottledError } from "./rate-limit";
import { createSession } from "./sessions";
import { beginTotpSetup, confirmTotpSetup, getTwoFactorStatus } from "./two-factor";
import { dropUnprovedAccess, findOrCreateOAuthUser, registerUser } from "./users";

const mail = vi.hoisted(() => ({ sent: [] as { email: string; subject: string; text: string }[] }));
vi.mock("@/lib/notifications", () => ({
  sendAccountEmail: async (message: { email: string; subject: string; text: string }) => {
    mail.sent.push(message);
  },
}));
const { requestPasswordReset, resetPassword } = await import("./passwords");

const PASSWORD = "an old but decent passphrase";
const origin = { address: "8.8.8.8", userAgent: null };
const address = () => `10.4.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`;
const unique = () => `passkey-${Math.random().toString(36).slice(2, 10)}@example.test`;
const site = passkeyDomain();
if (!site) throw new Error("tests need a domain name in NEXTAUTH_URL");

const appCode = (secret: string, at: Date) =>
  new TOTP({ secret: Secret.fromBase32(secret), digits: 6, period: 30, algorithm: "SHA1" }).generate({
    timestamp: at.getTime(),
  });

async function person() {
  const user = await registerUser({ email: unique(), password: PASSWORD });
  if (!user) throw new Error("not registered");
  const sessionId = await createSession({ userId: user.id, origin });
  return { user, sessionId };
}

const proof = (userId: string) => ({ userId, currentPassword: PASSWORD, address: address(), code: "" });

/** A person with one passkey, added in their session. */
async function withPasskey(name = "Work laptop", options?: { synced?: boolean; counts?: boolean }) {
  const { user, sessionId } = await person();
  const authenticator = new SoftAuthenticator(site as NonNullable<typeof site>, options);
  const created = await beginPasskeyRegistration({ ...proof(user.id), sessionId, name });
  const { notify } = await finishPasskeyRegistration({
    userId: user.id,
    sessionId,
    response: authenticator.register(created),
  });
  await notify();
  return { user, sessionId, authenticator };
}

async function signInWith(authenticator: SoftAuthenticator, bend?: Parameters<SoftAuthenticator["authenticate"]>[1]) {
  const { challengeId, options } = await beginPasskeySignIn({ address: address() });
  return finishPasskeySignIn({ challengeId, response: authenticator.authenticate(options, bend) });
}

async function refusedWith(work: Promise<unknown>, code: string) {
  const error = await work.then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(isAppError(error) ? error.code : error).toBe(code);
}

describe("the passkeys' domain", () => {
  test("is the app's host, or PASSKEY_ORIGIN's; an IP address has none", () => {
    expect(
      passkeyDomain({ NEXTAUTH_URL: "https://money.example.org/", APP_URL: undefined, PASSKEY_ORIGIN: undefined }),
    ).toEqual({
      rpID: "money.example.org",
      origin: "https://money.example.org",
    });
    expect(
      passkeyDomain({
        NEXTAUTH_URL: "http://127.0.0.1:3000",
        APP_URL: undefined,
        PASSKEY_ORIGIN: "http://localhost:3000",
      }),
    ).toEqual({ rpID: "localhost", origin: "http://localhost:3000" });
    expect(
      passkeyDomain({ NEXTAUTH_URL: "http://127.0.0.1:3000", APP_URL: undefined, PASSKEY_ORIGIN: undefined }),
    ).toBeNull();
    expect(
      passkeyDomain({ NEXTAUTH_URL: "http://[::1]:3000", APP_URL: undefined, PASSKEY_ORIGIN: undefined }),
    ).toBeNull();
  });
});

describe("adding a passkey", () => {
  test("keeps its public key, name and sync state, and records it", async () => {
    const { user } = await withPasskey("Phone", { synced: true });
    const [key] = await listPasskeys({ userId: user.id });
    expect(key).toMatchObject({ name: "Phone", backedUp: true, lastUsedAt: null });
    const row = await db.passkey.findFirstOrThrow({ where: { userId: user.id } });
    expect(row.publicKey.length).toBeGreaterThan(60);
    expect(row.transports).toEqual(["internal"]);
    expect((await listOwnAuditEvents({ userId: user.id })).entries[0]).toMatchObject({
      action: "passkey_added",
      detail: { name: "Phone", synced: true },
    });
    const notice = mail.sent.findLast((message) => message.email === user.email);
    expect(notice?.subject).toBe("A passkey was added to your Mingus account");
    expect(notice?.text).toContain("“Phone”");
  });

  test("an account without a password needs a sign-in from the last 10 minutes", async () => {
    const user = await findOrCreateOAuthUser({ email: unique(), name: null, image: null });
    const old = new Date(Date.now() - 11 * 60_000);
    const stale = await createSession({ userId: user.id, origin });
    await db.userSession.update({ where: { id: stale }, data: { createdAt: old } });
    await refusedWith(
      beginPasskeyRegistration({ ...proof(user.id), currentPassword: "", sessionId: stale, name: "Laptop" }),
      "auth:sign_in_again",
    );
    const fresh = await createSession({ userId: user.id, origin });
    const options = await beginPasskeyRegistration({
      ...proof(user.id),
      currentPassword: "",
      sessionId: fresh,
      name: "Laptop",
    });
    await finishPasskeyRegistration({
      userId: user.id,
      sessionId: fresh,
      response: new SoftAuthenticator(site).register(options),
    });
    expect(await listPasskeys({ userId: user.id })).toHaveLength(1);
  });

  test("a session signed out before its answer came adds nothing (its challenge goes with it)", async () => {
    const { user, sessionId } = await person();
    const options = await beginPasskeyRegistration({ ...proof(user.id), sessionId, name: "Laptop" });
    const answer = new SoftAuthenticator(site).register(options);
    await db.userSession.delete({ where: { id: sessionId } });
    expect(await db.passkeyChallenge.count({ where: { sessionId } })).toBe(0);
    await refusedWith(finishPasskeyRegistration({ userId: user.id, sessionId, response: answer }), "auth:no_setup");
    expect(await listPasskeys({ userId: user.id })).toEqual([]);
  });

  test("asks for the password, and with two-factor sign-in on for a code too", async () => {
    const { user, sessionId } = await person();
    await refusedWith(
      beginPasskeyRegistration({ ...proof(user.id), currentPassword: "not it at all", sessionId, name: "Laptop" }),
      "auth:wrong_password",
    );
    await beginTotpSetup({ userId: user.id, sessionId });
    const setup = (await getTwoFactorStatus({ userId: user.id, sessionId })).setup;
    if (!setup) throw new Error("no setup");
    const past = new Date(Date.now() - 60_000);
    await confirmTotpSetup({ ...proof(user.id), sessionId, code: appCode(setup.secret, past), now: past });
    await refusedWith(beginPasskeyRegistration({ ...proof(user.id), sessionId, name: "Laptop" }), "auth:wrong_code");
    await refusedWith(
      beginPasskeyRegistration({ ...proof(user.id), sessionId, name: "Laptop", code: "000000" }),
      "auth:wrong_code",
    );
    const options = await beginPasskeyRegistration({
      ...proof(user.id),
      sessionId,
      name: "Laptop",
      code: appCode(setup.secret, new Date()),
    });
    expect(options.authenticatorSelection).toMatchObject({ residentKey: "required", userVerification: "required" });
  });

  test("is finished only by the session that began it, once, within 5 minutes", async () => {
    const { user, sessionId } = await person();
    const other = await createSession({ userId: user.id, origin });
    const authenticator = new SoftAuthenticator(site);
    const options = await beginPasskeyRegistration({ ...proof(user.id), sessionId, name: "Laptop" });
    const answer = authenticator.register(options);
    await refusedWith(
      finishPasskeyRegistration({ userId: user.id, sessionId: other, response: answer }),
      "auth:no_setup",
    );
    const late = new Date(Date.now() + 5 * 60_000 + 1000);
    await refusedWith(
      finishPasskeyRegistration({ userId: user.id, sessionId, response: answer, now: late }),
      "auth:no_setup",
    );
    const again = await beginPasskeyRegistration({ ...proof(user.id), sessionId, name: "Laptop" });
    await finishPasskeyRegistration({ userId: user.id, sessionId, response: authenticator.register(again) });
    await refusedWith(finishPasskeyRegistration({ userId: user.id, sessionId, response: answer }), "auth:no_setup");
    expect(await listPasskeys({ userId: user.id })).toHaveLength(1);
  });

  test("refuses an answer made for another site, without user verification, or to another challenge", async () => {
    const { user, sessionId } = await person();
    for (const bend of [
      { origin: "https://mingus.evil.example" },
      { rpID: "evil.example" },
      { userVerified: false },
      { challenge: "c29tZXRoaW5nIGVsc2U" },
    ]) {
      const options = await beginPasskeyRegistration({ ...proof(user.id), sessionId, name: "Laptop" });
      const answer = new SoftAuthenticator(site).register(options, bend);
      await refusedWith(
        finishPasskeyRegistration({ userId: user.id, sessionId, response: answer }),
        "auth:passkey_refused",
      );
    }
    expect(await listPasskeys({ userId: user.id })).toEqual([]);
  });

  test("one passkey belongs to one account, and an account holds at most 20", async () => {
    const { authenticator } = await withPasskey();
    const { user, sessionId } = await person();
    const options = await beginPasskeyRegistration({ ...proof(user.id), sessionId, name: "Stolen" });
    await refusedWith(
      finishPasskeyRegistration({ userId: user.id, sessionId, response: authenticator.register(options) }),
      "auth:passkey_exists",
    );
    await db.passkey.createMany({
      data: Array.from({ length: PASSKEY_LIMIT }, (_, index) => ({
        userId: user.id,
        credentialId: `filler-${user.id}-${index}`,
        publicKey: Buffer.from([index]),
        name: `Key ${index}`,
      })),
    });
    await refusedWith(
      beginPasskeyRegistration({ ...proof(user.id), sessionId, name: "One more" }),
      "auth:passkey_limit",
    );
    // With two-factor sign-in on, the limit is told before a recovery code is spent on it.
    await beginTotpSetup({ userId: user.id, sessionId });
    const setup = (await getTwoFactorStatus({ userId: user.id, sessionId })).setup;
    if (!setup) throw new Error("no setup");
    const { recoveryCodes } = await confirmTotpSetup({
      ...proof(user.id),
      sessionId,
      code: appCode(setup.secret, new Date()),
    });
    await refusedWith(
      beginPasskeyRegistration({ ...proof(user.id), sessionId, name: "One more", code: recoveryCodes[0] ?? "" }),
      "auth:passkey_limit",
    );
    expect(await db.recoveryCode.count({ where: { userId: user.id, usedAt: { not: null } } })).toBe(0);
  });

  test("a device holding one of the account's passkeys is not asked to make another", async () => {
    const { user, sessionId, authenticator } = await withPasskey();
    const options = await beginPasskeyRegistration({ ...proof(user.id), sessionId, name: "Again" });
    expect(options.excludeCredentials?.map((credential) => credential.id)).toEqual([authenticator.id]);
  });
});

describe("signing in with a passkey", () => {
  test("names the account, moves the counter and notes when it was used", async () => {
    const { user, authenticator } = await withPasskey("Phone");
    expect(await signInWith(authenticator)).toEqual({ userId: user.id, passkeyName: "Phone" });
    const row = await db.passkey.findFirstOrThrow({ where: { userId: user.id } });
    expect(row.counter).toBe(2n);
    expect(row.lastUsedAt).not.toBeNull();
  });

  test("a passkey that never counts (counter 0, as synced ones do) signs in every time", async () => {
    const { user, authenticator } = await withPasskey("Synced", { synced: true, counts: false });
    await signInWith(authenticator);
    expect(await signInWith(authenticator)).toMatchObject({ userId: user.id });
  });

  test("each challenge answers once, within 5 minutes", async () => {
    const { authenticator } = await withPasskey();
    const { challengeId, options } = await beginPasskeySignIn({ address: address() });
    const answer = authenticator.authenticate(options);
    await finishPasskeySignIn({ challengeId, response: answer });
    await refusedWith(finishPasskeySignIn({ challengeId, response: answer }), "auth:passkey_refused");
    const later = await beginPasskeySignIn({ address: address() });
    await refusedWith(
      finishPasskeySignIn({
        challengeId: later.challengeId,
        response: authenticator.authenticate(later.options),
        now: new Date(Date.now() + 5 * 60_000 + 1000),
      }),
      "auth:passkey_refused",
    );
  });

  test("refuses a phishing site's answer, no user verification, a cloned authenticator, and records it", async () => {
    const { user, authenticator } = await withPasskey();
    for (const bend of [{ origin: "https://mingus.evil.example" }, { userVerified: false }, { counter: 1 }]) {
      await refusedWith(signInWith(authenticator, bend), "auth:passkey_refused");
    }
    const failures = (await listOwnAuditEvents({ userId: user.id })).entries.filter(
      (entry) => entry.action === "sign_in_failed",
    );
    expect(failures).toHaveLength(3);
    expect(failures[0]?.detail).toEqual({ reason: "passkey_rejected" });
  });

  test("an answer from an unknown or removed passkey signs no one in", async () => {
    const stranger = new SoftAuthenticator(site);
    await refusedWith(signInWith(stranger), "auth:passkey_refused");
    const { user, authenticator } = await withPasskey();
    const [key] = await listPasskeys({ userId: user.id });
    await removePasskey({ ...proof(user.id), passkeyId: key?.id ?? "" });
    await refusedWith(signInWith(authenticator), "auth:passkey_refused");
  });

  test("a passkey whose user handle names another account, or none, is refused", async () => {
    const { authenticator } = await withPasskey();
    const other = await person();
    for (const userHandle of [Buffer.from(other.user.id).toString("base64url"), undefined]) {
      const { challengeId, options } = await beginPasskeySignIn({ address: address() });
      const answer = authenticator.authenticate(options);
      answer.response.userHandle = userHandle;
      await refusedWith(finishPasskeySignIn({ challengeId, response: answer }), "auth:passkey_refused");
    }
  });

  test("a cookie that names no challenge is a refusal, not a database error", async () => {
    const { authenticator } = await withPasskey();
    for (const challengeId of ["x", "'; DROP TABLE passkeys; --", "00000000-0000-4000-8000-000000000000"]) {
      await refusedWith(
        finishPasskeySignIn({ challengeId, response: authenticator.authenticate({ challenge: "abc" }) }),
        "auth:passkey_refused",
      );
    }
  });

  test("resetting the password by email removes every passkey", async () => {
    const { user, authenticator } = await withPasskey();
    await requestPasswordReset({ email: user.email, address: address(), appUrl: "https://mingus.example" }).then(
      (pending) => pending?.send(),
    );
    const token = /reset-password\?token=([A-Za-z0-9_-]+)/.exec(mail.sent.at(-1)?.text ?? "")?.[1] ?? "";
    expect(await resetPassword({ token, newPassword: "violet tractor umbrella 42" })).toBeNull();
    expect(await listPasskeys({ userId: user.id })).toEqual([]);
    await refusedWith(signInWith(authenticator), "auth:passkey_refused");
  });

  test("one network may begin 30 in 15 minutes", async () => {
    const from = address();
    for (let index = 0; index < 30; index += 1) await beginPasskeySignIn({ address: from });
    await expect(beginPasskeySignIn({ address: from })).rejects.toBeInstanceOf(ThrottledError);
  });
});

describe("a passkey as the second factor", () => {
  test("only the person's own passkeys answer, and refusals count as wrong codes", async () => {
    const { user, sessionId, authenticator } = await withPasskey("Key");
    const someone = await withPasskey();
    const options = await beginPasskeySecondFactor({ userId: user.id, sessionId });
    expect(options.allowCredentials?.map((credential) => credential.id)).toEqual([authenticator.id]);
    await refusedWith(
      finishPasskeySecondFactor({ userId: user.id, sessionId, response: someone.authenticator.authenticate(options) }),
      "auth:passkey_refused",
    );
    const again = await beginPasskeySecondFactor({ userId: user.id, sessionId });
    expect(
      await finishPasskeySecondFactor({ userId: user.id, sessionId, response: authenticator.authenticate(again) }),
    ).toEqual({ passkeyName: "Key" });
    const failed = (await listOwnAuditEvents({ userId: user.id })).entries.find(
      (entry) => entry.action === "two_factor_failed",
    );
    expect(failed?.detail).toEqual({ purpose: "sign_in", method: "passkey" });
    for (let index = 0; index < 4; index += 1) {
      const next = await beginPasskeySecondFactor({ userId: user.id, sessionId });
      await finishPasskeySecondFactor({
        userId: user.id,
        sessionId,
        response: authenticator.authenticate(next, { userVerified: false }),
      }).catch(() => null);
    }
    const last = await beginPasskeySecondFactor({ userId: user.id, sessionId });
    await expect(
      finishPasskeySecondFactor({ userId: user.id, sessionId, response: authenticator.authenticate(last) }),
    ).rejects.toBeInstanceOf(ThrottledError);
  });

  test("an account without passkeys is told to type a code", async () => {
    const { user, sessionId } = await person();
    await refusedWith(beginPasskeySecondFactor({ userId: user.id, sessionId }), "auth:no_passkey");
  });
});

describe("removing a passkey", () => {
  test("takes the password, only the person's own, and is recorded", async () => {
    const { user } = await withPasskey("Old phone");
    const someone = await withPasskey();
    const [key] = await listPasskeys({ userId: user.id });
    const passkeyId = key?.id ?? "";
    await refusedWith(
      removePasskey({ ...proof(user.id), currentPassword: "wrong guess here", passkeyId }),
      "auth:wrong_password",
    );
    await refusedWith(removePasskey({ ...proof(someone.user.id), passkeyId }), "auth:no_passkey");
    expect(await removePasskey({ ...proof(user.id), passkeyId })).toEqual({ name: "Old phone" });
    expect(await listPasskeys({ userId: user.id })).toEqual([]);
    expect((await listOwnAuditEvents({ userId: user.id })).entries[0]).toMatchObject({
      action: "passkey_removed",
      detail: { name: "Old phone" },
    });
  });

  test("an unproved account's passkeys go when the address's owner proves it", async () => {
    const { user } = await withPasskey();
    await db.$transaction(dropUnprovedAccess(user.id));
    expect(await listPasskeys({ userId: user.id })).toEqual([]);
  });
});

describe("the browser's answer as text", () => {
  test("is parsed and bounded before anything reads it", () => {
    const answer = new SoftAuthenticator(site).authenticate({ challenge: "abc" });
    expect(passkeyAnswerSchema.safeParse(JSON.stringify(answer)).success).toBe(true);
    for (const bad of [
      "not json",
      JSON.stringify({ ...answer, type: "password" }),
      JSON.stringify({ ...answer, id: "has spaces and / slashes" }),
      JSON.stringify({ ...answer, response: { ...answer.response, signature: "x".repeat(5000) } }),
      "x".repeat(70_000),
    ]) {
      expect(passkeyAnswerSchema.safeParse(bad).success).toBe(false);
    }
    expect(passkeyRegistrationSchema.safeParse(JSON.stringify(answer)).success).toBe(false);
  });
});
