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
import { assertSecondFactorAllowed, recordFailedSecondFactor } from "./rate-limit";
import type { SessionUser } from "./users";

export const RECOVERY_CODE_COUNT = 10;
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

export interface TwoFactorStatus {
  enabled: boolean;
  enabledAt: Date | null;
  recoveryCodesLeft: number;
  /** While an authenticator is being set up: what the person scans or types. */
  setup: { secret: string; uri: string } | null;
}

export async function getTwoFactorStatus({ userId }: { userId: string }): Promise<TwoFactorStatus> {
  const [row, recoveryCodesLeft, user] = await Promise.all([
    db.userTotp.findUnique({ where: { userId } }),
    db.recoveryCode.count({ where: { userId, usedAt: null } }),
    db.user.findUniqueOrThrow({ where: { id: userId }, select: { email: true } }),
  ]);
  if (!row) return { enabled: false, enabledAt: null, recoveryCodesLeft: 0, setup: null };
  if (row.confirmedAt) return { enabled: true, enabledAt: row.confirmedAt, recoveryCodesLeft, setup: null };
  const secret = openAccessToken({ ciphertext: row.secret, keyId: row.keyId });
  return {
    enabled: false,
    enabledAt: null,
    recoveryCodesLeft: 0,
    setup: { secret, uri: totpFor({ secret, email: user.email }).toString() },
  };
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

/** Starts setting up an authenticator app: a new secret (20 random bytes), replacing any unfinished one. */
export async function beginTotpSetup({ userId }: { userId: string }): Promise<void> {
  const existing = await db.userTotp.findUnique({ where: { userId }, select: { confirmedAt: true } });
  if (existing?.confirmedAt) {
    throw new AppError("auth:two_factor_on", "Two-factor sign-in is already on. Turn it off first to use a new app.");
  }
  const sealed = sealAccessToken(new Secret({ size: 20 }).base32);
  await db.userTotp.upsert({
    where: { userId },
    create: { userId, secret: sealed.ciphertext, keyId: sealed.keyId },
    update: { secret: sealed.ciphertext, keyId: sealed.keyId, createdAt: new Date(), lastUsedStep: null },
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
  code,
  currentPassword,
  address,
  now = new Date(),
}: PasswordProof & { code: string; now?: Date }): Promise<{ recoveryCodes: string[] }> {
  const { email } = await assertCurrentPassword({ userId, currentPassword, address });
  const row = await db.userTotp.findUnique({ where: { userId } });
  if (!row) throw new AppError("auth:no_setup", "Start again: press “Set up an authenticator app”.");
  if (row.confirmedAt) throw new AppError("auth:two_factor_on", "Two-factor sign-in is already on.");
  const secret = openAccessToken({ ciphertext: row.secret, keyId: row.keyId });
  const step = matchingStep({ secret, email, code, now });
  if (step === null) {
    throw new AppError("auth:wrong_code", "That code is not right. Type the 6 digits your app shows now.");
  }
  const { count } = await db.userTotp.updateMany({
    where: { userId, confirmedAt: null, secret: row.secret },
    data: { confirmedAt: now, lastUsedStep: BigInt(step) },
  });
  if (count === 0) throw new AppError("auth:no_setup", "Start again: press “Set up an authenticator app”.");
  const recoveryCodes = await replaceRecoveryCodes(userId);
  await recordAudit({ action: "two_factor_enabled", userId, detail: { method: "totp" } });
  return { recoveryCodes };
}

/**
 * Takes a code from the authenticator or an unused recovery code, and uses it up. "totp" or "recovery"
 * when it was right; throws auth:wrong_code (counted, and recorded) when not, ThrottledError after 5
 * wrong ones in 15 minutes.
 */
export async function redeemSecondFactor({
  userId,
  code,
  now = new Date(),
}: {
  userId: string;
  code: string;
  now?: Date;
}): Promise<"totp" | "recovery"> {
  await assertSecondFactorAllowed({ userId });
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
    if (count === 1) return "totp";
  } else if (!totpDigits(code)) {
    const { count } = await db.recoveryCode.updateMany({
      where: { userId, codeHash: hashOf(normaliseRecoveryCode(code)), usedAt: null },
      data: { usedAt: now },
    });
    if (count === 1) {
      const left = await db.recoveryCode.count({ where: { userId, usedAt: null } });
      await recordAudit({ action: "recovery_code_used", userId, detail: { left } });
      return "recovery";
    }
  }
  await recordFailedSecondFactor({ userId });
  await recordAudit({ action: "two_factor_failed", userId });
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
  await assertCurrentPassword({ userId, currentPassword, address });
  await redeemSecondFactor({ userId, code });
  await db.$transaction([
    db.userTotp.deleteMany({ where: { userId } }),
    db.recoveryCode.deleteMany({ where: { userId } }),
  ]);
  await recordAudit({ action: "two_factor_disabled", userId });
}

/** Ten new recovery codes in place of the old ones (the password first). */
export async function renewRecoveryCodes({
  userId,
  currentPassword,
  address,
}: PasswordProof): Promise<{ recoveryCodes: string[] }> {
  await assertCurrentPassword({ userId, currentPassword, address });
  if (!(await hasSecondFactor({ userId }))) {
    throw new AppError("auth:no_two_factor", "Two-factor sign-in is not on for this account.");
  }
  const recoveryCodes = await replaceRecoveryCodes(userId);
  await recordAudit({ action: "recovery_codes_created", userId });
  return { recoveryCodes };
}
