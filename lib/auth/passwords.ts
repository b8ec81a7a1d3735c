// Changing a password (the current one required) and resetting a forgotten one through a mailed,
// single-use link (30 minutes). Either way every other session ends: whoever had the old password is
// out (docs/security.md, Passwords).
import "server-only";
import { recordAudit } from "@/lib/audit";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { type LaterMail, mailLater } from "./mail";
import { hashPassword, verifyPassword } from "./password";
import { passwordWeakness } from "./password-strength";
import { assertSignInAllowed, consumePasswordReset, recordFailedSignIn } from "./rate-limit";
import { endSessions } from "./sessions";
import { findLiveToken, issueToken, linkBase, takeToken } from "./tokens";
import { dropUnprovedAccess, refreshRole } from "./users";

export const RESET_LIFETIME_MS = 30 * 60 * 1000;

/** What the person's own details make guessable: their email, its local part, their name. */
function guessable(user: { email: string; name: string | null }): string[] {
  return [user.email, user.email.split("@")[0] ?? "", ...(user.name ? [user.name] : [])];
}

/** What a form that changes something asks for again: whose account, its password, and from where. */
export interface PasswordProof {
  userId: string;
  currentPassword: string;
  /** The client's address: wrong passwords count against it like wrong sign-ins. */
  address: string;
}

/**
 * The person, when `currentPassword` is theirs; throws auth:wrong_password otherwise, and ThrottledError
 * past the sign-in limits: wrong guesses here count as wrong sign-ins, so no settings form is a way
 * around them.
 */
export async function assertCurrentPassword({
  userId,
  currentPassword,
  address,
}: PasswordProof): Promise<{ email: string; name: string | null }> {
  const user = await db.user.findUniqueOrThrow({
    where: { id: userId },
    select: { email: true, name: true, passwordHash: true },
  });
  if (!user.passwordHash) {
    throw new AppError(
      "auth:wrong_password",
      "Your account signs in through GitHub or Google and has no password. Use “Forgot your password?” on the sign-in page to set one.",
    );
  }
  const attempt = { email: user.email, address };
  await assertSignInAllowed(attempt);
  if (!(await verifyPassword({ password: currentPassword, hash: user.passwordHash }))) {
    await recordFailedSignIn(attempt);
    throw new AppError("auth:wrong_password", "Your current password is not right.");
  }
  return { email: user.email, name: user.name };
}

/**
 * A new password for a signed-in person who knows the current one. Wrong guesses count against
 * sign-in throttling, so this form is no way around it. Ends every session but `keepSessionId`.
 * Returns the problem with the new password, or null when it was changed.
 */
export async function changePassword({
  userId,
  keepSessionId,
  currentPassword,
  newPassword,
  address,
}: {
  userId: string;
  keepSessionId: string | undefined;
  currentPassword: string;
  newPassword: string;
  address: string;
}): Promise<{ newPassword: string } | null> {
  const user = await assertCurrentPassword({ userId, currentPassword, address });
  const weakness = await passwordWeakness(newPassword, guessable(user));
  if (weakness) return { newPassword: weakness };
  if (newPassword === currentPassword) return { newPassword: "Choose a password you have not been using." };
  await db.$transaction([
    db.user.update({ where: { id: userId }, data: { passwordHash: await hashPassword(newPassword) } }),
    // A move to another address asked for with the old password goes with it.
    db.userToken.deleteMany({ where: { userId, purpose: "email_change", usedAt: null } }),
  ]);
  const ended = await endSessions({ userId, keep: keepSessionId });
  await recordAudit({ action: "password_changed", userId, detail: { sessionsEnded: ended } });
  return null;
}

/**
 * "Forgot password": a link for the account with this email, if there is one. The caller answers the
 * same either way and sends the mail after answering (`send`), so neither the words nor the time tell
 * whether an account exists.
 */
export async function requestPasswordReset({
  email,
  address,
  appUrl = linkBase(),
}: {
  email: string;
  address: string;
  appUrl?: string;
}): Promise<{ send: LaterMail } | null> {
  await consumePasswordReset({ email, address });
  const user = await db.user.findUnique({ where: { email }, select: { id: true, email: true } });
  if (!user) return null;
  const token = await issueToken({ userId: user.id, purpose: "password_reset", lifetimeMs: RESET_LIFETIME_MS });
  const link = `${appUrl}/reset-password?token=${token}`;
  return {
    send: mailLater({
      userId: user.id,
      email: user.email,
      subject: "Reset your Mingus password",
      lines: [
        "Someone, hopefully you, asked to reset the password of your Mingus account.",
        "",
        "Choose a new password within 30 minutes here:",
        link,
        "",
        "The link works once. If you did not ask, ignore this email: your password stays as it is.",
      ],
      what: "password reset mail",
    }),
  };
}

/**
 * Sets the password a reset link was for and ends every session. The new password is checked before
 * the link is used, so a weak one does not cost the person their link.
 */
export async function resetPassword({
  token,
  newPassword,
  now = new Date(),
}: {
  token: string;
  newPassword: string;
  now?: Date;
}): Promise<{ newPassword: string } | null> {
  const invalid = () =>
    new AppError("auth:link_invalid", "This reset link has expired or was already used. Ask for a new one.");
  const owner = await findLiveToken({ token, purpose: "password_reset", now });
  if (!owner) throw invalid();
  const weakness = await passwordWeakness(newPassword, guessable(owner));
  if (weakness) return { newPassword: weakness };
  const passwordHash = await hashPassword(newPassword);
  const taken = await takeToken({ token, purpose: "password_reset", now });
  if (!taken) throw invalid();
  // The link proves the mailbox: an address nobody had confirmed is confirmed now, and whatever was set
  // up on the account before that goes (users.ts dropUnprovedAccess). A pending move to another address
  // goes either way: whoever asked for it may be who the reset is locking out.
  const { emailVerified } = await db.user.findUniqueOrThrow({
    where: { id: taken.userId },
    select: { emailVerified: true },
  });
  await db.$transaction([
    ...(emailVerified === null ? dropUnprovedAccess(taken.userId) : []),
    db.userToken.deleteMany({ where: { userId: taken.userId, usedAt: null } }),
    // Whoever knew the old password may have added a passkey: a way in the new password would not close.
    db.passkey.deleteMany({ where: { userId: taken.userId } }),
    db.user.update({ where: { id: taken.userId }, data: { passwordHash, emailVerified: emailVerified ?? now } }),
  ]);
  if (emailVerified === null) await refreshRole({ userId: taken.userId });
  const ended = await endSessions({ userId: taken.userId });
  await recordAudit({ action: "password_reset", userId: taken.userId, detail: { sessionsEnded: ended } });
  return null;
}
