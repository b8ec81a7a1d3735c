// Two-factor sign-in: an authenticator app set up with the password and a code, the secret sealed at
// rest, each code good once, recovery codes single-use and kept as hashes, wrong codes throttled and
// recorded, sessions of an enrolled person waiting for the code, REQUIRE_ADMIN_2FA, and deletion
// asking for a code.
import { Secret, TOTP } from "otpauth";
import { describe, expect, test, vi } from "vitest";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { isAppError } from "@/lib/errors";
import { createUser } from "@/lib/test/factories";
import { ThrottledError } from "./rate-limit";
import { completeSecondFactor, createSession, sessionState, userOfSession } from "./sessions";
import {
  adminAccess,
  beginTotpSetup,
  confirmTotpSetup,
  disableTwoFactor,
  getTwoFactorStatus,
  hasSecondFactor,
  normaliseRecoveryCode,
  RECOVERY_CODE_COUNT,
  redeemSecondFactor,
  renewRecoveryCodes,
} from "./two-factor";
import { findOrCreateOAuthUser, registerUser } from "./users";

vi.mock("@/lib/notifications", () => ({ sendAccountEmail: async () => {} }));
const { deleteAccount } = await import("./delete-account");

const PASSWORD = "an old but decent passphrase";
const origin = { address: "8.8.8.8", userAgent: null };
const address = () => `10.3.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`;
const unique = () => `two-factor-${Math.random().toString(36).slice(2, 10)}@example.test`;

/** What the person's authenticator app shows at `at`. */
function appCode(secret: string, at: Date): string {
  return new TOTP({ secret: Secret.fromBase32(secret), digits: 6, period: 30, algorithm: "SHA1" }).generate({
    timestamp: at.getTime(),
  });
}

async function person() {
  const user = await registerUser({ email: unique(), password: PASSWORD });
  if (!user) throw new Error("not registered");
  return user;
}

/** A signed-in browser of the person's. */
const sessionOf = (userId: string) => createSession({ userId, origin });

/** A person with an authenticator set up at `at`; returns the secret, the recovery codes and the session. */
async function enrolled(at = new Date()) {
  const user = await person();
  const sessionId = await sessionOf(user.id);
  await beginTotpSetup({ userId: user.id, sessionId });
  const setup = (await getTwoFactorStatus({ userId: user.id, sessionId })).setup;
  if (!setup) throw new Error("no setup");
  const { recoveryCodes } = await confirmTotpSetup({
    userId: user.id,
    sessionId,
    code: appCode(setup.secret, at),
    currentPassword: PASSWORD,
    address: address(),
    now: at,
  });
  return { user, secret: setup.secret, recoveryCodes, sessionId };
}

async function errorOf(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error("expected a refusal");
}

describe("setting up an authenticator app", () => {
  test("a new secret is shown as a key and an otpauth URI, and kept sealed", async () => {
    const user = await person();
    const sessionId = await sessionOf(user.id);
    await beginTotpSetup({ userId: user.id, sessionId });
    const status = await getTwoFactorStatus({ userId: user.id, sessionId });
    expect(status.enabled).toBe(false);
    expect(status.setup?.secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(status.setup?.uri).toContain("otpauth://totp/Mingus:");
    expect(status.setup?.uri).toContain(`secret=${status.setup?.secret}`);
    const row = await db.userTotp.findUniqueOrThrow({ where: { userId: user.id } });
    expect(row.secret).not.toContain(status.setup?.secret);
    expect(row.secret).toMatch(/^v1\./);
    expect(await hasSecondFactor({ userId: user.id })).toBe(false);
  });

  test("a wrong code or a wrong password leaves it off; the right pair turns it on with ten recovery codes", async () => {
    const at = new Date();
    const user = await person();
    const sessionId = await sessionOf(user.id);
    await beginTotpSetup({ userId: user.id, sessionId });
    const secret = (await getTwoFactorStatus({ userId: user.id, sessionId })).setup?.secret ?? "";

    const wrongCode = await errorOf(
      confirmTotpSetup({
        userId: user.id,
        sessionId,
        code: "000000",
        currentPassword: PASSWORD,
        address: address(),
        now: at,
      }),
    );
    expect(isAppError(wrongCode, "auth:wrong_code")).toBe(true);
    const wrongPassword = await errorOf(
      confirmTotpSetup({
        userId: user.id,
        sessionId,
        code: appCode(secret, at),
        currentPassword: "nope",
        address: address(),
        now: at,
      }),
    );
    expect(isAppError(wrongPassword, "auth:wrong_password")).toBe(true);
    expect(await hasSecondFactor({ userId: user.id })).toBe(false);

    const { recoveryCodes } = await confirmTotpSetup({
      userId: user.id,
      sessionId,
      code: appCode(secret, at),
      currentPassword: PASSWORD,
      address: address(),
      now: at,
    });
    expect(recoveryCodes).toHaveLength(RECOVERY_CODE_COUNT);
    expect(new Set(recoveryCodes).size).toBe(RECOVERY_CODE_COUNT);
    for (const code of recoveryCodes) expect(code).toMatch(/^[0-9a-hjkmnp-tv-z]{4}(-[0-9a-hjkmnp-tv-z]{4}){3}$/);
    expect(await hasSecondFactor({ userId: user.id })).toBe(true);
    expect(await getTwoFactorStatus({ userId: user.id, sessionId: null })).toMatchObject({
      enabled: true,
      recoveryCodesLeft: 10,
    });
    // Only hashes are kept.
    const stored = await db.recoveryCode.findMany({ where: { userId: user.id } });
    expect(stored.map((row) => row.codeHash)).not.toContain(normaliseRecoveryCode(recoveryCodes[0] ?? ""));
    const audit = await db.auditEvent.findMany({ where: { userId: user.id }, select: { action: true } });
    expect(audit.map((row) => row.action)).toContain("two_factor_enabled");

    const again = await errorOf(beginTotpSetup({ userId: user.id, sessionId }));
    expect(isAppError(again, "auth:two_factor_on")).toBe(true);
  });

  test("a clock 30 seconds off still works; 90 seconds off does not", async () => {
    const at = new Date();
    const user = await person();
    const sessionId = await sessionOf(user.id);
    await beginTotpSetup({ userId: user.id, sessionId });
    const secret = (await getTwoFactorStatus({ userId: user.id, sessionId })).setup?.secret ?? "";
    const far = await errorOf(
      confirmTotpSetup({
        userId: user.id,
        sessionId,
        code: appCode(secret, new Date(at.getTime() - 90_000)),
        currentPassword: PASSWORD,
        address: address(),
        now: at,
      }),
    );
    expect(isAppError(far, "auth:wrong_code")).toBe(true);
    await confirmTotpSetup({
      userId: user.id,
      sessionId,
      code: appCode(secret, new Date(at.getTime() - 30_000)),
      currentPassword: PASSWORD,
      address: address(),
      now: at,
    });
    expect(await hasSecondFactor({ userId: user.id })).toBe(true);
  });
});

describe("redeemSecondFactor", () => {
  test("a code from the app works once: the same code again is refused", async () => {
    const at = new Date();
    const { user, secret } = await enrolled(at);
    const later = new Date(at.getTime() + 60_000);
    expect(
      await redeemSecondFactor({ userId: user.id, code: appCode(secret, later), purpose: "sign_in", now: later }),
    ).toBe("totp");
    const replay = await errorOf(
      redeemSecondFactor({ userId: user.id, code: appCode(secret, later), purpose: "sign_in", now: later }),
    );
    expect(isAppError(replay, "auth:wrong_code")).toBe(true);
    // The code used to turn it on is spent too.
    const setupCode = await errorOf(
      redeemSecondFactor({ userId: user.id, code: appCode(secret, at), purpose: "sign_in", now: at }),
    );
    expect(isAppError(setupCode, "auth:wrong_code")).toBe(true);
    const next = new Date(at.getTime() + 90_000);
    expect(
      await redeemSecondFactor({
        userId: user.id,
        code: appCode(secret, next).replace(/(\d{3})/, "$1 "),
        purpose: "sign_in",
        now: next,
      }),
    ).toBe("totp");
  });

  test("a recovery code works once, typed in any case, with or without dashes", async () => {
    const { user, recoveryCodes } = await enrolled();
    const [first = "", second = ""] = recoveryCodes;
    expect(
      await redeemSecondFactor({ userId: user.id, code: first.toUpperCase().replaceAll("-", " "), purpose: "sign_in" }),
    ).toBe("recovery");
    const again = await errorOf(redeemSecondFactor({ userId: user.id, code: first, purpose: "sign_in" }));
    expect(isAppError(again, "auth:wrong_code")).toBe(true);
    expect(await redeemSecondFactor({ userId: user.id, code: second, purpose: "sign_in" })).toBe("recovery");
    expect(await getTwoFactorStatus({ userId: user.id, sessionId: null })).toMatchObject({ recoveryCodesLeft: 8 });
    const used = await db.auditEvent.findFirst({
      where: { userId: user.id, action: "recovery_code_used" },
      orderBy: { createdAt: "desc" },
    });
    expect(used?.detail).toEqual({ left: 8, purpose: "sign_in" });
  });

  test("five wrong codes in 15 minutes: refused, even the right one, with when to try again", async () => {
    const at = new Date();
    const { user, secret } = await enrolled(new Date(at.getTime() - 120_000));
    for (let attempt = 0; attempt < 5; attempt += 1) {
      const wrong = await errorOf(redeemSecondFactor({ userId: user.id, code: "123456", purpose: "sign_in", now: at }));
      expect(isAppError(wrong, "auth:wrong_code")).toBe(true);
    }
    const throttled = await errorOf(
      redeemSecondFactor({ userId: user.id, code: appCode(secret, at), purpose: "sign_in", now: at }),
    );
    expect(throttled).toBeInstanceOf(ThrottledError);
    expect((throttled as Error).message).toMatch(/Too many wrong codes\. Try again in \d+ minutes?\./);
    const failures = await db.auditEvent.count({ where: { userId: user.id, action: "two_factor_failed" } });
    expect(failures).toBe(5);
  });

  test("new recovery codes replace the old ones (password first)", async () => {
    const { user, recoveryCodes } = await enrolled();
    const wrong = await errorOf(
      renewRecoveryCodes({
        userId: user.id,
        code: recoveryCodes[5] ?? "",
        currentPassword: "nope",
        address: address(),
      }),
    );
    expect(isAppError(wrong, "auth:wrong_password")).toBe(true);
    const noCode = await errorOf(
      renewRecoveryCodes({ userId: user.id, code: "", currentPassword: PASSWORD, address: address() }),
    );
    expect(isAppError(noCode, "auth:wrong_code")).toBe(true);
    const renewed = await renewRecoveryCodes({
      userId: user.id,
      code: recoveryCodes[5] ?? "",
      currentPassword: PASSWORD,
      address: address(),
    });
    expect(renewed.recoveryCodes).toHaveLength(10);
    const old = await errorOf(
      redeemSecondFactor({ userId: user.id, code: recoveryCodes[0] ?? "", purpose: "sign_in" }),
    );
    expect(isAppError(old, "auth:wrong_code")).toBe(true);
    expect(
      await redeemSecondFactor({ userId: user.id, code: renewed.recoveryCodes[0] ?? "", purpose: "sign_in" }),
    ).toBe("recovery");
  });
});

describe("turning it off", () => {
  test("takes the password and a code; then the secret and the codes are gone", async () => {
    const { user, recoveryCodes } = await enrolled();
    const noCode = await errorOf(
      disableTwoFactor({ userId: user.id, code: "111111", currentPassword: PASSWORD, address: address() }),
    );
    expect(isAppError(noCode, "auth:wrong_code")).toBe(true);
    expect(await hasSecondFactor({ userId: user.id })).toBe(true);
    await disableTwoFactor({
      userId: user.id,
      code: recoveryCodes[3] ?? "",
      currentPassword: PASSWORD,
      address: address(),
    });
    expect(await hasSecondFactor({ userId: user.id })).toBe(false);
    expect(await db.userTotp.count({ where: { userId: user.id } })).toBe(0);
    expect(await db.recoveryCode.count({ where: { userId: user.id } })).toBe(0);
  });
});

describe("sessions of an enrolled person", () => {
  test("wait for the second factor: no user until it is given", async () => {
    const { user } = await enrolled();
    const sessionId = await createSession({ userId: user.id, origin, secondFactorPending: true });
    expect(await userOfSession({ sessionId, userId: user.id })).toBeNull();
    expect(await sessionState({ sessionId, userId: user.id })).toMatchObject({ secondFactorPending: true });
    expect(await completeSecondFactor({ userId: "00000000-0000-4000-8000-000000000000", sessionId })).toBe(false);
    expect(await completeSecondFactor({ userId: user.id, sessionId })).toBe(true);
    expect(await userOfSession({ sessionId, userId: user.id })).toMatchObject({ id: user.id });
  });
});

describe("REQUIRE_ADMIN_2FA", () => {
  test("an admin without a second factor must set one up; with one, or with the setting off, open", async () => {
    const admin = await createUser({ role: "admin" });
    const user = await createUser();
    const settings = env as { REQUIRE_ADMIN_2FA: boolean };
    settings.REQUIRE_ADMIN_2FA = true;
    try {
      expect(await adminAccess({ id: admin.id, role: "admin" })).toBe("needs_second_factor");
      expect(await adminAccess({ id: user.id, role: "user" })).toBe("not_admin");
      const { user: secured } = await enrolled();
      expect(await adminAccess({ id: secured.id, role: "admin" })).toBe("open");
    } finally {
      settings.REQUIRE_ADMIN_2FA = false;
    }
    expect(await adminAccess({ id: admin.id, role: "admin" })).toBe("open");
  });
});

describe("deleting the account", () => {
  test("asks for a code when two-factor sign-in is on", async () => {
    const { user, recoveryCodes } = await enrolled();
    const withoutCode = await errorOf(
      deleteAccount({ userId: user.id, currentPassword: PASSWORD, typedEmail: "", address: address() }),
    );
    expect(isAppError(withoutCode, "auth:wrong_code")).toBe(true);
    expect(await db.user.count({ where: { id: user.id } })).toBe(1);
    await deleteAccount({
      userId: user.id,
      currentPassword: PASSWORD,
      typedEmail: "",
      code: recoveryCodes[0] ?? "",
      address: address(),
    });
    expect(await db.user.count({ where: { id: user.id } })).toBe(0);
  });
});

describe("the review's cases", () => {
  test("a set-up shows its secret only to the session that began it, and for 10 minutes", async () => {
    const user = await person();
    const mine = await sessionOf(user.id);
    const other = await sessionOf(user.id);
    await beginTotpSetup({ userId: user.id, sessionId: mine });
    expect((await getTwoFactorStatus({ userId: user.id, sessionId: mine })).setup).not.toBeNull();
    expect((await getTwoFactorStatus({ userId: user.id, sessionId: other })).setup).toBeNull();
    const later = new Date(Date.now() + 11 * 60 * 1000);
    expect((await getTwoFactorStatus({ userId: user.id, sessionId: mine, now: later })).setup).toBeNull();
    const secret = (await getTwoFactorStatus({ userId: user.id, sessionId: mine })).setup?.secret ?? "";
    for (const [sessionId, now] of [
      [other, new Date()],
      [mine, later],
    ] as const) {
      const refused = await errorOf(
        confirmTotpSetup({
          userId: user.id,
          sessionId,
          code: appCode(secret, now),
          currentPassword: PASSWORD,
          address: address(),
          now,
        }),
      );
      expect(isAppError(refused, "auth:no_setup")).toBe(true);
    }
  });

  test("turning it on signs out every other session; beginning again cannot replace an enabled secret", async () => {
    const user = await person();
    const here = await sessionOf(user.id);
    const stolen = await sessionOf(user.id);
    await beginTotpSetup({ userId: user.id, sessionId: here });
    const secret = (await getTwoFactorStatus({ userId: user.id, sessionId: here })).setup?.secret ?? "";
    const { sessionsEnded } = await confirmTotpSetup({
      userId: user.id,
      sessionId: here,
      code: appCode(secret, new Date()),
      currentPassword: PASSWORD,
      address: address(),
    });
    expect(sessionsEnded).toBe(1);
    expect(await userOfSession({ sessionId: stolen, userId: user.id })).toBeNull();
    expect(await userOfSession({ sessionId: here, userId: user.id })).not.toBeNull();
    const before = await db.userTotp.findUniqueOrThrow({ where: { userId: user.id } });
    expect(isAppError(await errorOf(beginTotpSetup({ userId: user.id, sessionId: here })), "auth:two_factor_on")).toBe(
      true,
    );
    expect((await db.userTotp.findUniqueOrThrow({ where: { userId: user.id } })).secret).toBe(before.secret);
  });

  test("wrong codes sent all at once still count: at most 5 are checked", async () => {
    const { user } = await enrolled(new Date(Date.now() - 120_000));
    const outcomes = await Promise.all(
      Array.from({ length: 8 }, (_, index) =>
        errorOf(redeemSecondFactor({ userId: user.id, code: String(100000 + index), purpose: "sign_in" })),
      ),
    );
    expect(outcomes.filter((outcome) => isAppError(outcome, "auth:wrong_code"))).toHaveLength(5);
    expect(outcomes.filter((outcome) => outcome instanceof ThrottledError)).toHaveLength(3);
  });

  test("a sign-in waits 15 minutes for its code; given, the session lasts its 30 days", async () => {
    const { user } = await enrolled();
    const now = new Date();
    const waiting = await createSession({ userId: user.id, origin, secondFactorPending: true, now });
    const row = await db.userSession.findUniqueOrThrow({ where: { id: waiting } });
    expect(row.expiresAt.getTime() - now.getTime()).toBe(15 * 60 * 1000);
    const late = await createSession({
      userId: user.id,
      origin,
      secondFactorPending: true,
      now: new Date(now.getTime() - 16 * 60 * 1000),
    });
    expect(await completeSecondFactor({ userId: user.id, sessionId: late })).toBe(false);
    expect(await completeSecondFactor({ userId: user.id, sessionId: waiting })).toBe(true);
    const done = await db.userSession.findUniqueOrThrow({ where: { id: waiting } });
    expect(done.expiresAt.getTime() - done.createdAt.getTime()).toBe(30 * 24 * 60 * 60 * 1000);
  });

  test("turning it off ends the sign-ins still waiting for a code", async () => {
    const { user, recoveryCodes } = await enrolled();
    const waiting = await createSession({ userId: user.id, origin, secondFactorPending: true });
    await disableTwoFactor({
      userId: user.id,
      code: recoveryCodes[0] ?? "",
      currentPassword: PASSWORD,
      address: address(),
    });
    expect(await sessionState({ sessionId: waiting, userId: user.id })).toBeNull();
  });

  test("a second factor set up on an unconfirmed account goes when the address's owner proves it", async () => {
    const { user } = await enrolled();
    expect(await hasSecondFactor({ userId: user.id })).toBe(true);
    // The owner signs in with Google, which vouches for the address nobody had confirmed.
    await findOrCreateOAuthUser({ email: user.email, name: "Owner" });
    expect(await hasSecondFactor({ userId: user.id })).toBe(false);
    expect(await db.recoveryCode.count({ where: { userId: user.id } })).toBe(0);
  });

  test("an account without a password sets it up with a code alone", async () => {
    const user = await createUser({ emailVerified: new Date() });
    const sessionId = await sessionOf(user.id);
    await beginTotpSetup({ userId: user.id, sessionId });
    const secret = (await getTwoFactorStatus({ userId: user.id, sessionId })).setup?.secret ?? "";
    await confirmTotpSetup({
      userId: user.id,
      sessionId,
      code: appCode(secret, new Date()),
      currentPassword: "",
      address: address(),
    });
    expect(await hasSecondFactor({ userId: user.id })).toBe(true);
  });
});
