// Single-use links mailed to a person ("Forgot password", confirming an email address, moving the
// account to a new one): 32 random bytes in the link, only their
// SHA-256 in user_tokens, so a copy of the table opens nothing. Issuing one retires the person's earlier
// unused ones for the same purpose; taking one marks it used in the same statement that checks it, so
// two clicks racing on one link let only one through.
import "server-only";
import { createHash, randomBytes } from "node:crypto";
import { db } from "@/lib/db";
import type { UserTokenPurpose } from "@/lib/db/vocabulary";
import { env } from "@/lib/env";

/** Where mailed links point: the app's public address, without a trailing slash. */
export const linkBase = (): string => (env.APP_URL ?? env.NEXTAUTH_URL).replace(/\/+$/, "");

const hashOf = (token: string) => createHash("sha256").update(token, "utf8").digest("hex");
const TOKEN_FORM = /^[A-Za-z0-9_-]{43}$/;

/** A token from a link, what it must be for, and when it is asked about (tests move the clock). */
type TokenLookup = { token: string; purpose: UserTokenPurpose; now?: Date };

/** A fresh token for the link; the person's older unused tokens for this purpose stop working. */
export async function issueToken({
  userId,
  purpose,
  email = null,
  lifetimeMs,
  now = new Date(),
}: {
  userId: string;
  purpose: UserTokenPurpose;
  /** The address the link proves (email_verification, email_change). */
  email?: string | null;
  lifetimeMs: number;
  now?: Date;
}): Promise<string> {
  const token = randomBytes(32).toString("base64url");
  await db.$transaction([
    db.userToken.deleteMany({ where: { userId, purpose, usedAt: null } }),
    db.userToken.create({
      data: {
        userId,
        purpose,
        email,
        tokenHash: hashOf(token),
        createdAt: now,
        expiresAt: new Date(now.getTime() + lifetimeMs),
      },
    }),
  ]);
  return token;
}

/** The person a token would still be taken for, without taking it (a page asks before showing its form). */
export async function findLiveToken({
  token,
  purpose,
  now = new Date(),
}: TokenLookup): Promise<{ userId: string; email: string; name: string | null; address: string | null } | null> {
  if (!TOKEN_FORM.test(token)) return null;
  const row = await db.userToken.findUnique({
    where: { tokenHash: hashOf(token) },
    select: {
      purpose: true,
      usedAt: true,
      expiresAt: true,
      email: true,
      user: { select: { id: true, email: true, name: true } },
    },
  });
  if (!row || row.purpose !== purpose || row.usedAt !== null || row.expiresAt <= now) return null;
  // `email` is the account's address now; `address` the one the link proves, if it proves one.
  return { userId: row.user.id, email: row.user.email, name: row.user.name, address: row.email };
}

/**
 * Marks the token used and returns its person (and the address it proves), or null when it is unknown,
 * used, expired or for another purpose.
 */
export async function takeToken({
  token,
  purpose,
  now = new Date(),
}: TokenLookup): Promise<{ userId: string; email: string | null } | null> {
  if (!TOKEN_FORM.test(token)) return null;
  const rows = await db.$queryRaw<{ user_id: string; email: string | null }[]>`
    UPDATE user_tokens SET used_at = ${now}
    WHERE token_hash = ${hashOf(token)} AND purpose = ${purpose} AND used_at IS NULL AND expires_at > ${now}
    RETURNING user_id::text, email`;
  const [row] = rows;
  return row ? { userId: row.user_id, email: row.email } : null;
}

/**
 * Whom a token that was already used was for, and the address it proved: a second opening of a link
 * (mail scanners open links before people do) can then say what the first did.
 */
export async function usedToken({
  token,
  purpose,
}: Omit<TokenLookup, "now">): Promise<{ userId: string; email: string | null } | null> {
  if (!TOKEN_FORM.test(token)) return null;
  const row = await db.userToken.findUnique({
    where: { tokenHash: hashOf(token) },
    select: { purpose: true, usedAt: true, userId: true, email: true },
  });
  return row && row.purpose === purpose && row.usedAt !== null ? { userId: row.userId, email: row.email } : null;
}
