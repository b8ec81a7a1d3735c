// Two-factor sign-in (docs/security.md, Two-factor sign-in): an authenticator app (TOTP, RFC 6238, with
// otpauth) and ten single-use recovery codes. The secret is sealed at rest with TOKEN_ENCRYPTION_KEY,
// like Plaid tokens; recovery codes are kept as SHA-256 only (80 random bits each, so no slow hash is
// needed). Every code works once: a TOTP step is remembered, a recovery code is marked used, each in
// one conditional UPDATE, so two requests racing with the same code cannot both pass. Wrong codes are
// throttled per account (lib/auth/rate-limit.ts) and recorded in the audit log.
import "server-only";
import { createHash, randomInt } from "node:crypto";
import { Secret, TOTP } from "otpauth";
import { recordAudit } from "@/lib/audit";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { openAccessToken, sealAccessToken } from "@/lib/plaid/token-crypto";
import { assertCurrentPassword, type PasswordProof } from "./passwords";
import { consumeSecondFactorAttempt, refundSecondFactorAttempt } from "./rate-limit";
import { endSessions } from "./sessions";
import type { SessionUser } from "./users";

export const RECOVERY_CODE_COUNT = 10;
/** How long a begun set-up shows its secret (to the session that began it) and can be finished. */
export const SETUP_LIFETIME_MS = 10 * 60 * 1000;
const ISSUER = "Mingus";
const PERIOD_SECONDS = 30;
// Crockford's base32: no i, l, o or u, so a code read aloud or off paper is not misread.
const CODE_ALPHABET = "0123456789abcdefghjkmnpqrstvwxyz";
const CODE_LENGTH = 16;

const hashOf = (code: string) => createHash("sha256").update(code, "utf8").digest("hex");

function totpFor({ secret, email }: { secret: string; email: string }): TOTP {
  return new TOTP({
    issuer: ISSUER,
    label: email,
    algorithm: "SHA1",
    digits: 6,
    period: PERIOD_SECONDS,
    secret: Secret.fromBase32(secret),
  });
}

/** "ABCD EFGH …": the secret as a person types it into an app that cannot scan the QR code. */
export function groupedSecret(secret: string): string {
  return secret.replace(/(.{4})(?=.)/g, "$1 ");
}

function newRecoveryCode(): string {
  let code = "";
  for (let index = 0; index < CODE_LENGTH; index += 1) code += CODE_ALPHABET[randomInt(CODE_ALPHABET.length)];
  return code.replace(/(.{4})(?=.)/g, "$1-");
}

/** A typed recovery code as stored: lower case, no spaces or dashes, Crockford's look-alikes folded. */
export function normaliseRecoveryCode(typed: string): string {
  return typed.toLowerCase().replace(/[\s-]/g, "").replace(/o/g, "0").replace(/[il]/g, "1");
}

/** Six digits (spaces allowed, as apps show "123 456"), or null when it cannot be a TOTP code. */
function totpDigits(typed: string): string | null {
  const digits = typed.replace(/\s/g, "");
  return /^\d{6}$/.test(digits) ? digits : null;
}

/** What a second factor is given for: finishing a sign-in, turning it off, new codes, deleting the account, adding a passkey. */
export type SecondFactorPurpose = "sign_in" | "disable" | "new_codes" | "delete_account" | "add_passkey";

export interface TwoFactorStatus {
  enabled: boolean;
  enabledAt: Date | null;
  recoveryCodesLeft: number;
  /** While an authenticator is being set up: what the person scans or types. */
  setup: { secret: string; uri: string } | null;
}

/** The person's two-factor state; a set-up under way only for the session that began it, within 10 minutes. */
export async function getTwoFactorStatus({
  userId,
  sessionId,
  now = new Date(),
}: {
  userId: string;
  sessionId: string | null;
  now?: Date;
}): Promise<TwoFactorStatus> {
  const [row, recoveryCodesLeft, user] = await Promise.all([
    db.userTotp.findUnique({ where: { userId } }),
    db.recoveryCode.count({ where: { userId, usedAt: null } }),
    db.user.findUniqueOrThrow({ where: { id: userId }, select: { email: true } }),
  ]);
  if (!row) return { enabled: false, enabledAt: null, recoveryCodesLeft: 0, setup: null };
  if (row.confirmedAt) return { enabled: true, enabledAt: row.confirmedAt, recoveryCodesLeft, setup: null };
  if (!setupIsLive(row, sessionId, now)) return { enabled: false, enabledAt: null, recoveryCodesLeft: 0, setup: null };
  const secret = openAccessToken({ ciphertext: row.secret, keyId: row.keyId });
  return {
    enabled: false,
    enabledAt: null,
    recoveryCodesLeft: 0,
    setup: { secret, uri: totpFor({ secret, email: user.email }).toString() },
  };
}

function setupIsLive(row: { setupSessionId: string | null; createdAt: Date }, sessionId: string | null, now: Date) {
  return (
    sessionId !== null &&
    row.setupSessionId === sessionId &&
    now.getTime() - row.createdAt.getTime() < SETUP_LIFETIME_MS
  );
}

/** The current password, for an account that has one (GitHub and Google accounts have none). */
export async function assertPasswordIfSet(proof: PasswordProof): Promise<{ email: string; hasPassword: boolean }> {
  const user = await db.user.findUniqueOrThrow({
    where: { id: proof.userId },
    select: { email: true, passwordHash: true },
  });
  if (user.passwordHash) await assertCurrentPassword(proof);
  return { email: user.email, hasPassword: Boolean(user.passwordHash) };
}

/** Whether signing in as this person takes a second factor. */
export async function hasSecondFactor({ userId }: { userId: string }): Promise<boolean> {
  const row = await db.userTotp.findUnique({ where: { userId }, select: { confirmedAt: true } });
  return Boolean(row?.confirmedAt);
}

/**
 * Whether an admin may use the admin pages and actions now: with REQUIRE_ADMIN_2FA=on, only once they
 * have a second factor. "not_admin" for everyone else.
 */
export async function adminAccess(
  user: Pick<SessionUser, "id" | "role">,
): Promise<"open" | "needs_second_factor" | "not_admin"> {
  if (user.role !== "admin") return "not_admin";
  if (env.REQUIRE_ADMIN_2FA && !(await hasSecondFactor({ userId: user.id }))) return "needs_second_factor";
  return "open";
}

/**
 * Starts setting up an authenticator app for the session `sessionId`: a new secret (20 random bytes),
 * replacing any unfinished one. Only that session is shown it, for 10 minutes; an enabled one stays.
 */
export async function beginTotpSetup({ userId, sessionId }: { userId: string; sessionId: string }): Promise<void> {
  const sealed = sealAccessToken(new Secret({ size: 20 }).base32);
  const data = { secret: sealed.ciphertext, keyId: sealed.keyId, setupSessionId: sessionId, createdAt: new Date() };
  const { count } = await db.userTotp.updateMany({
    where: { userId, confirmedAt: null },
    data: { ...data, lastUsedStep: null },
  });
  if (count === 1) return;
  const on = new AppError(
    "auth:two_factor_on",
    "Two-factor sign-in is already on. Turn it off first to use a new app.",
  );
  if (await hasSecondFactor({ userId })) throw on;
  await db.userTotp.create({ data: { userId, ...data } }).catch((error: { code?: string }) => {
    // Made meanwhile by another request of the person's.
    if (error.code === "P2002") throw on;
    throw error;
  });
}

/** The TOTP step `code` belongs to (this one or the one either side, for clocks a little off), or null. */
function matchingStep({ secret, email, code, now }: { secret: string; email: string; code: string; now: Date }) {
  const digits = totpDigits(code);
  if (!digits) return null;
  const timestamp = now.getTime();
  const delta = totpFor({ secret, email }).validate({ token: digits, timestamp, window: 1 });
  if (delta === null) return null;
  return Math.floor(timestamp / 1000 / PERIOD_SECONDS) + delta;
}

/** Replaces the person's recovery codes with ten new ones and returns them (shown once, never again). */
async function replaceRecoveryCodes(userId: string): Promise<string[]> {
  const codes = Array.from({ length: RECOVERY_CODE_COUNT }, newRecoveryCode);
  await db.$transaction([
    db.recoveryCode.deleteMany({ where: { userId } }),
    db.recoveryCode.createMany({
      data: codes.map((code) => ({ userId, codeHash: hashOf(normaliseRecoveryCode(code)) })),
    }),
  ]);
  return codes;
}

/**
 * Finishes setting up the authenticator: the current password, and a code from the app, which proves it
 * holds the secret. Returns the ten recovery codes.
 */
export async function confirmTotpSetup({
  userId,
  sessionId,
  code,
  currentPassword,
  address,
  now = new Date(),
}: PasswordProof & { sessionId: string; code: string; now?: Date }): Promise<{
  recoveryCodes: string[];
  sessionsEnded: number;
}> {
  const { email } = await assertPasswordIfSet({ userId, currentPassword, address });
  const row = await db.userTotp.findUnique({ where: { userId } });
  if (row?.confirmedAt) throw new AppError("auth:two_factor_on", "Two-factor sign-in is already on.");
  if (!row || !setupIsLive(row, sessionId, now)) {
    throw new AppError("auth:no_setup", "This set-up has expired. Start again: press “Set up an authenticator app”.");
  }
  const secret = openAccessToken({ ciphertext: row.secret, keyId: row.keyId });
  const step = matchingStep({ secret, email, code, now });
  if (step === null) {
    throw new AppError("auth:wrong_code", "That code is not right. Type the 6 digits your app shows now.");
  }
  const { count } = await db.userTotp.updateMany({
    where: { userId, confirmedAt: null, secret: row.secret },
    data: { confirmedAt: now, lastUsedStep: BigInt(step), setupSessionId: null },
  });
  if (count === 0) throw new AppError("auth:no_setup", "Start again: press “Set up an authenticator app”.");
  const recoveryCodes = await replaceRecoveryCodes(userId);
  // Every other browser signed in with the password alone is signed out: it never gave a code.
  const sessionsEnded = await endSessions({ userId, keep: sessionId });
  await recordAudit({ action: "two_factor_enabled", userId, detail: { method: "totp", sessionsEnded } });
  return { recoveryCodes, sessionsEnded };
}

/**
 * Takes a code from the authenticator or an unused recovery code, and uses it up. "totp" or "recovery"
 * when it was right; throws auth:wrong_code (counted, and recorded) when not, ThrottledError after 5
 * wrong ones in 15 minutes.
 */
export async function redeemSecondFactor({
  userId,
  code,
  purpose,
  now = new Date(),
}: {
  userId: string;
  code: string;
  /** What the code is for, recorded with a recovery code's use. */
  purpose: SecondFactorPurpose;
  now?: Date;
}): Promise<"totp" | "recovery"> {
  await consumeSecondFactorAttempt({ userId });
  const row = await db.userTotp.findUnique({ where: { userId }, include: { user: { select: { email: true } } } });
  if (!row?.confirmedAt) throw new AppError("auth:no_two_factor", "Two-factor sign-in is not on for this account.");

  const secret = openAccessToken({ ciphertext: row.secret, keyId: row.keyId });
  const step = matchingStep({ secret, email: row.user.email, code, now });
  if (step !== null) {
    // A step at or before the last one used is a replay (or a code already seen on the way here).
    const { count } = await db.userTotp.updateMany({
      where: { userId, OR: [{ lastUsedStep: null }, { lastUsedStep: { lt: BigInt(step) } }] },
      data: { lastUsedStep: BigInt(step) },
    });
    if (count === 1) {
      await refundSecondFactorAttempt({ userId });
      return "totp";
    }
  } else if (!totpDigits(code)) {
    const { count } = await db.recoveryCode.updateMany({
      where: { userId, codeHash: hashOf(normaliseRecoveryCode(code)), usedAt: null },
      data: { usedAt: now },
    });
    if (count === 1) {
      await refundSecondFactorAttempt({ userId });
      const left = await db.recoveryCode.count({ where: { userId, usedAt: null } });
      await recordAudit({ action: "recovery_code_used", userId, detail: { left, purpose } });
      return "recovery";
    }
  }
  await recordAudit({ action: "two_factor_failed", userId, detail: { purpose } });
  throw new AppError(
    "auth:wrong_code",
    "That code is not right. Type the 6 digits your app shows now, or one of your recovery codes.",
  );
}

/** Turns two-factor sign-in off: the current password and a code (or a recovery code). */
export async function disableTwoFactor({
  userId,
  code,
  currentPassword,
  address,
}: PasswordProof & { code: string }): Promise<void> {
  await assertPasswordIfSet({ userId, currentPassword, address });
  await redeemSecondFactor({ userId, code, purpose: "disable" });
  await db.$transaction([
    db.userTotp.deleteMany({ where: { userId } }),
    db.recoveryCode.deleteMany({ where: { userId } }),
    // Sign-ins stopped at the code would wait for one that can no longer be given.
    db.userSession.deleteMany({ where: { userId, secondFactorPending: true } }),
  ]);
  await recordAudit({ action: "two_factor_disabled", userId });
}

/**
 * Ten new recovery codes in place of the old ones: the password and a code, so a password alone (in a
 * browser signed in before) cannot swap the owner's codes for its own.
 */
export async function renewRecoveryCodes({
  userId,
  code,
  currentPassword,
  address,
}: PasswordProof & { code: string }): Promise<{ recoveryCodes: string[] }> {
  await assertPasswordIfSet({ userId, currentPassword, address });
  await redeemSecondFactor({ userId, code, purpose: "new_codes" });
  const recoveryCodes = await replaceRecoveryCodes(userId);
  await recordAudit({ action: "recovery_codes_created", userId });
  return { recoveryCodes };
}
