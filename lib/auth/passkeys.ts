// Passkeys (docs/security.md, Passkeys): WebAuthn credentials, with @simplewebauthn/server. A passkey
// signs its owner in without a password (user verification is required, so the device's PIN or
// biometric is the second factor), and stands in for the authenticator app's code at /two-factor.
// Only public keys are stored. Each ceremony's challenge is a row used once within 5 minutes, tied to
// the session that asked for it, or, for a sign-in, to the browser by a cookie naming the row.
import "server-only";
import { isIP } from "node:net";
import {
  type AuthenticationResponseJSON,
  type AuthenticatorTransportFuture,
  generateAuthenticationOptions,
  generateRegistrationOptions,
  type PublicKeyCredentialCreationOptionsJSON,
  type PublicKeyCredentialRequestOptionsJSON,
  type RegistrationResponseJSON,
  verifyAuthenticationResponse,
  verifyRegistrationResponse,
} from "@simplewebauthn/server";
import { z } from "zod";
import { recordAudit } from "@/lib/audit";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { log } from "@/lib/log";
import { type LaterMail, mailLater } from "./mail";
import type { PasswordProof } from "./passwords";
import { consumePasskeySignIn, consumeSecondFactorAttempt, refundSecondFactorAttempt } from "./rate-limit";
import { assertPasswordIfSet, hasSecondFactor, redeemSecondFactor } from "./two-factor";

export const CHALLENGE_LIFETIME_MS = 5 * 60 * 1000;
/** An account without a password proves it is its owner adding a passkey by a sign-in this recent. */
export const FRESH_SIGN_IN_MS = 10 * 60 * 1000;
/** Passkeys one account may hold: enough for every device and a spare key or two. */
export const PASSKEY_LIMIT = 20;
const RP_NAME = "Mingus";
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

type ChallengePurpose = "register" | "sign_in" | "second_factor";

/** A browser's answer in a session's ceremony (adding a passkey, or one in place of the code). */
interface SessionAnswer<Response> {
  userId: string;
  sessionId: string;
  response: Response;
  now?: Date;
}

/** The cookie naming a passkey sign-in's challenge row: only the browser that asked may answer it. */
export const PASSKEY_CHALLENGE_COOKIE = "mingus-passkey-challenge";

const base64url = (max: number) =>
  z
    .string()
    .max(max)
    .regex(/^[A-Za-z0-9_-]*$/, "not base64url");

/** A browser's answer as JSON text (what @simplewebauthn/browser returns), parsed and bounded. */
function answerSchema<T>(response: z.ZodType) {
  return z
    .string()
    .max(65_536)
    .transform((text, ctx) => {
      try {
        return JSON.parse(text) as unknown;
      } catch {
        ctx.addIssue({ code: "custom", message: "not JSON" });
        return z.NEVER;
      }
    })
    .pipe(
      z.looseObject({
        id: base64url(1024).min(1),
        rawId: base64url(1024).min(1),
        type: z.literal("public-key"),
        response,
        clientExtensionResults: z.record(z.string(), z.unknown()).default({}),
      }),
    )
    .transform((value) => value as unknown as T);
}

export const passkeyAnswerSchema = answerSchema<AuthenticationResponseJSON>(
  z.looseObject({
    clientDataJSON: base64url(16_384),
    authenticatorData: base64url(16_384),
    signature: base64url(4096),
    userHandle: base64url(1024).optional(),
  }),
);

export const passkeyRegistrationSchema = answerSchema<RegistrationResponseJSON>(
  z.looseObject({
    clientDataJSON: base64url(16_384),
    attestationObject: base64url(32_768),
    transports: z.array(z.string().max(32)).max(8).optional(),
  }),
);

export interface PasskeyView {
  id: string;
  name: string;
  createdAt: Date;
  lastUsedAt: Date | null;
  /** Synced by its provider (iCloud Keychain, Google Password Manager …) rather than one device's own. */
  backedUp: boolean;
}

/**
 * The passkeys' domain (RP ID) and the origin their ceremonies must come from: PASSKEY_ORIGIN, else the
 * app's URL. Null when that names an IP address, which browsers refuse as a passkey domain.
 */
export function passkeyDomain(settings: Pick<typeof env, "PASSKEY_ORIGIN" | "APP_URL" | "NEXTAUTH_URL"> = env): {
  rpID: string;
  origin: string;
} | null {
  const url = new URL(settings.PASSKEY_ORIGIN ?? settings.APP_URL ?? settings.NEXTAUTH_URL);
  const host = url.hostname.replace(/^\[|\]$/g, "");
  if (isIP(host) !== 0) return null;
  return { rpID: host, origin: url.origin };
}

function requireDomain() {
  const domain = passkeyDomain();
  if (!domain) {
    throw new AppError(
      "auth:passkeys_unavailable",
      "Passkeys need Mingus at a domain name, and this server's address is an IP address (APP_URL).",
    );
  }
  return domain;
}

const refused = (message = "The passkey was not accepted. Try again, or use another way to sign in.") =>
  new AppError("auth:passkey_refused", message);

/** The person's passkeys, newest first. */
export async function listPasskeys({ userId }: { userId: string }): Promise<PasskeyView[]> {
  return db.passkey.findMany({
    where: { userId },
    orderBy: { createdAt: "desc" },
    select: { id: true, name: true, createdAt: true, lastUsedAt: true, backedUp: true },
  });
}

/** Whether the person has a passkey (the two-factor page then offers it). */
export async function hasPasskey({ userId }: { userId: string }): Promise<boolean> {
  return (await db.passkey.count({ where: { userId } })) > 0;
}

async function storeChallenge({
  purpose,
  challenge,
  sessionId = null,
  name = null,
  now,
}: {
  purpose: ChallengePurpose;
  challenge: string;
  sessionId?: string | null;
  name?: string | null;
  now: Date;
}): Promise<string> {
  // Expired rows go here, as new ones come: the table holds at most 5 minutes' worth.
  await db.passkeyChallenge.deleteMany({ where: { expiresAt: { lte: now } } });
  // A session has one ceremony of each kind under way: a new one replaces the old.
  if (sessionId) await db.passkeyChallenge.deleteMany({ where: { sessionId, purpose } });
  const row = await db.passkeyChallenge.create({
    data: { purpose, challenge, sessionId, name, expiresAt: new Date(now.getTime() + CHALLENGE_LIFETIME_MS) },
    select: { id: true },
  });
  return row.id;
}

/** Takes a live challenge and deletes it, so that it serves one answer only; null when there is none. */
async function claimChallenge(
  where: { purpose: ChallengePurpose } & ({ id: string } | { sessionId: string }),
  now: Date,
): Promise<{ challenge: string; name: string | null } | null> {
  const row = await db.passkeyChallenge.findFirst({ where: { ...where, expiresAt: { gt: now } } });
  if (!row) return null;
  const { count } = await db.passkeyChallenge.deleteMany({ where: { id: row.id } });
  return count === 1 ? { challenge: row.challenge, name: row.name } : null;
}

/**
 * Starts adding a passkey for the session `sessionId`: the current password (if the account has one) and,
 * with two-factor sign-in on, a code: a passkey signs in without either, so adding one asks for both.
 * An account with neither (GitHub or Google only) needs a sign-in from the last 10 minutes instead, so a
 * stolen session cookie cannot make itself a lasting way in. Returns what the browser hands to
 * navigator.credentials.create.
 */
export async function beginPasskeyRegistration({
  userId,
  sessionId,
  name,
  code,
  currentPassword,
  address,
  now = new Date(),
}: PasswordProof & {
  sessionId: string;
  name: string;
  code: string;
  now?: Date;
}): Promise<PublicKeyCredentialCreationOptionsJSON> {
  const { rpID } = requireDomain();
  // Before any code is spent: a recovery code used up on a refusal would be lost for nothing.
  const existing = await db.passkey.findMany({ where: { userId }, select: { credentialId: true, transports: true } });
  if (existing.length >= PASSKEY_LIMIT) {
    throw new AppError(
      "auth:passkey_limit",
      `You have ${PASSKEY_LIMIT} passkeys, the most one account may have. Remove one first.`,
    );
  }
  const { email, hasPassword } = await assertPasswordIfSet({ userId, currentPassword, address });
  const secondFactor = await hasSecondFactor({ userId });
  if (!hasPassword && !secondFactor) {
    const session = await db.userSession.findFirst({ where: { id: sessionId, userId }, select: { createdAt: true } });
    if (!session || now.getTime() - session.createdAt.getTime() > FRESH_SIGN_IN_MS) {
      throw new AppError(
        "auth:sign_in_again",
        "Your account has no password, so adding a passkey needs a fresh sign-in: sign out, sign in again with GitHub or Google, and add it within 10 minutes.",
      );
    }
  }
  if (secondFactor) {
    if (!code) throw new AppError("auth:wrong_code", "Type the code from your app, or a recovery code.");
    await redeemSecondFactor({ userId, code, purpose: "add_passkey", now });
  }
  const options = await generateRegistrationOptions({
    rpName: RP_NAME,
    rpID,
    userName: email,
    userDisplayName: email,
    // The user handle a passkey gives back when it signs in: the account's id.
    userID: new TextEncoder().encode(userId),
    attestationType: "none",
    // A device that holds a passkey of this account already is not asked to make a second.
    excludeCredentials: existing.map((key) => ({
      id: key.credentialId,
      transports: key.transports as AuthenticatorTransportFuture[],
    })),
    authenticatorSelection: { residentKey: "required", userVerification: "required" },
    timeout: CHALLENGE_LIFETIME_MS,
  });
  await storeChallenge({ purpose: "register", challenge: options.challenge, sessionId, name, now });
  return options;
}

/**
 * Finishes adding the passkey the session began: checks the browser's answer and keeps the public key.
 * Returns the mail telling the owner, to send after the answer.
 */
export async function finishPasskeyRegistration({
  userId,
  sessionId,
  response,
  now = new Date(),
}: SessionAnswer<RegistrationResponseJSON>): Promise<{ name: string; notify: LaterMail }> {
  const { rpID, origin } = requireDomain();
  const claimed = await claimChallenge({ purpose: "register", sessionId }, now);
  if (!claimed) throw new AppError("auth:no_setup", "This took longer than 5 minutes. Press “Add a passkey” again.");
  const verification = await verifyRegistrationResponse({
    response,
    expectedChallenge: claimed.challenge,
    expectedOrigin: origin,
    expectedRPID: rpID,
    requireUserVerification: true,
  }).catch((error: unknown) => {
    log.info({ err: error }, "passkey registration refused");
    return { verified: false as const };
  });
  if (!verification.verified) throw refused("The passkey was not accepted. Press “Add a passkey” to try again.");
  const { credential, credentialBackedUp } = verification.registrationInfo;
  const name = claimed.name ?? "Passkey";
  const user = await db
    .$transaction(async (tx) => {
      // The session row locked while the passkey is written: signed out meanwhile (or swept away when the
      // address's owner proved it, users.ts dropUnprovedAccess), it adds nothing.
      const live = await tx.$queryRaw<{ id: string }[]>`
      SELECT id FROM user_sessions WHERE id = ${sessionId}::uuid AND user_id = ${userId}::uuid FOR UPDATE`;
      if (live.length === 0) throw new AppError("auth:no_setup", "Your session has ended. Sign in again.");
      const taken = await tx.passkey.findUnique({ where: { credentialId: credential.id }, select: { id: true } });
      if (taken) throw new AppError("auth:passkey_exists", "That passkey is already added to an account.");
      await tx.passkey.create({
        data: {
          userId,
          credentialId: credential.id,
          publicKey: Buffer.from(credential.publicKey),
          counter: BigInt(credential.counter),
          transports: credential.transports ?? [],
          backedUp: credentialBackedUp,
          name,
        },
      });
      return tx.user.findUniqueOrThrow({ where: { id: userId }, select: { email: true } });
    })
    .catch((error: { code?: string }) => {
      // Added by another account in the same moment.
      if (error.code === "P2002")
        throw new AppError("auth:passkey_exists", "That passkey is already added to an account.");
      throw error;
    });
  await recordAudit({ action: "passkey_added", userId, detail: { name, synced: credentialBackedUp } });
  const notify = mailLater({
    userId,
    email: user.email,
    subject: "A passkey was added to your Mingus account",
    lines: [
      `The passkey “${name}” was just added to your Mingus account. It signs in without your password.`,
      "",
      "If this was not you, sign in, remove it under Settings → Security → Passkeys, change your password and",
      "sign out everywhere. Resetting your password by email removes every passkey too.",
    ],
    what: "passkey notice",
  });
  return { name, notify };
}

/**
 * Checks a passkey's answer to `challenge` and moves its counter on; false when the signature, origin,
 * user verification or counter is wrong (a counter that goes back means a cloned authenticator).
 */
async function verifyAssertion({
  passkey,
  challenge,
  response,
  now,
}: {
  passkey: { id: string; credentialId: string; publicKey: Uint8Array; counter: bigint; transports: string[] };
  challenge: string;
  response: AuthenticationResponseJSON;
  now: Date;
}): Promise<boolean> {
  const { rpID, origin } = requireDomain();
  const verification = await verifyAuthenticationResponse({
    response,
    expectedChallenge: challenge,
    expectedOrigin: origin,
    expectedRPID: rpID,
    requireUserVerification: true,
    credential: {
      id: passkey.credentialId,
      publicKey: new Uint8Array(passkey.publicKey),
      counter: Number(passkey.counter),
      transports: passkey.transports as AuthenticatorTransportFuture[],
    },
  }).catch((error: unknown) => {
    log.info({ err: error }, "passkey assertion refused");
    return null;
  });
  if (!verification?.verified) return false;
  const { newCounter, credentialBackedUp } = verification.authenticationInfo;
  // Conditional on the counter read, so two answers racing cannot both move it.
  const { count } = await db.passkey.updateMany({
    where: { id: passkey.id, counter: passkey.counter },
    data: { counter: BigInt(newCounter), lastUsedAt: now, backedUp: credentialBackedUp },
  });
  return count === 1;
}

/**
 * "Sign in with a passkey": a challenge any passkey of this site may answer (the browser offers the
 * person theirs). Returns the challenge row's id, for the cookie, and the browser's options.
 */
export async function beginPasskeySignIn({
  address,
  now = new Date(),
}: {
  address: string;
  now?: Date;
}): Promise<{ challengeId: string; options: PublicKeyCredentialRequestOptionsJSON }> {
  const { rpID } = requireDomain();
  await consumePasskeySignIn({ address });
  const options = await generateAuthenticationOptions({
    rpID,
    userVerification: "required",
    timeout: CHALLENGE_LIFETIME_MS,
  });
  const challengeId = await storeChallenge({ purpose: "sign_in", challenge: options.challenge, now });
  return { challengeId, options };
}

/** The account a passkey's answer signs in to, or auth:passkey_refused (recorded when the passkey is known). */
export async function finishPasskeySignIn({
  challengeId,
  response,
  now = new Date(),
}: {
  challengeId: string;
  response: AuthenticationResponseJSON;
  now?: Date;
}): Promise<{ userId: string; passkeyName: string }> {
  const claimed = UUID.test(challengeId) ? await claimChallenge({ purpose: "sign_in", id: challengeId }, now) : null;
  if (!claimed) throw refused("This took longer than 5 minutes. Press “Sign in with a passkey” again.");
  const passkey = await db.passkey.findUnique({ where: { credentialId: response.id } });
  if (!passkey) {
    throw refused("That passkey belongs to no account here; it may have been removed. Sign in with your password.");
  }
  // A discoverable passkey names the account it was made for; it must be the one holding it.
  const handle = response.response.userHandle;
  const handleMatches = Boolean(handle) && Buffer.from(handle ?? "", "base64url").toString("utf8") === passkey.userId;
  if (!handleMatches || !(await verifyAssertion({ passkey, challenge: claimed.challenge, response, now }))) {
    await recordAudit({ action: "sign_in_failed", userId: passkey.userId, detail: { reason: "passkey_rejected" } });
    throw refused();
  }
  return { userId: passkey.userId, passkeyName: passkey.name };
}

/** A passkey in place of the app's code, for the session waiting for its second factor. */
export async function beginPasskeySecondFactor({
  userId,
  sessionId,
  now = new Date(),
}: {
  userId: string;
  sessionId: string;
  now?: Date;
}): Promise<PublicKeyCredentialRequestOptionsJSON> {
  const { rpID } = requireDomain();
  const passkeys = await db.passkey.findMany({ where: { userId }, select: { credentialId: true, transports: true } });
  if (passkeys.length === 0) throw new AppError("auth:no_passkey", "This account has no passkey. Type a code instead.");
  const options = await generateAuthenticationOptions({
    rpID,
    userVerification: "required",
    timeout: CHALLENGE_LIFETIME_MS,
    allowCredentials: passkeys.map((key) => ({
      id: key.credentialId,
      transports: key.transports as AuthenticatorTransportFuture[],
    })),
  });
  await storeChallenge({ purpose: "second_factor", challenge: options.challenge, sessionId, now });
  return options;
}

/**
 * Checks the passkey's answer for the waiting session; returns the passkey's name. Refusals count with
 * wrong codes (5 in 15 minutes) and are recorded.
 */
export async function finishPasskeySecondFactor({
  userId,
  sessionId,
  response,
  now = new Date(),
}: SessionAnswer<AuthenticationResponseJSON>): Promise<{ passkeyName: string }> {
  await consumeSecondFactorAttempt({ userId });
  const claimed = await claimChallenge({ purpose: "second_factor", sessionId }, now);
  if (!claimed) throw refused("This took longer than 5 minutes. Press “Use a passkey” again.");
  const passkey = await db.passkey.findFirst({ where: { userId, credentialId: response.id } });
  if (passkey && (await verifyAssertion({ passkey, challenge: claimed.challenge, response, now }))) {
    await refundSecondFactorAttempt({ userId });
    return { passkeyName: passkey.name };
  }
  await recordAudit({ action: "two_factor_failed", userId, detail: { purpose: "sign_in", method: "passkey" } });
  throw refused("The passkey was not accepted. Try again, or type a code.");
}

/** Removes one of the person's passkeys (the current password, if the account has one). */
export async function removePasskey({
  userId,
  passkeyId,
  currentPassword,
  address,
}: PasswordProof & { passkeyId: string }): Promise<{ name: string }> {
  await assertPasswordIfSet({ userId, currentPassword, address });
  const passkey = await db.passkey.findFirst({ where: { id: passkeyId, userId }, select: { name: true } });
  const { count } = await db.passkey.deleteMany({ where: { id: passkeyId, userId } });
  if (!passkey || count === 0) throw new AppError("auth:no_passkey", "That passkey was already removed.");
  await recordAudit({ action: "passkey_removed", userId, detail: { name: passkey.name } });
  return { name: passkey.name };
}
