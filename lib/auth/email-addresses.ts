// Email addresses that are proved (docs/security.md, Email addresses). Signing up answers the same
// whether or not the address has an account: a new account gets a link confirming its address, an
// existing one's owner a notice instead. Moving an account to a new address needs the current password
// and a link sent to the new address; the old one is told when it happens. Email alerts wait for a
// confirmed address (lib/notifications/delivery), and ADMIN_EMAILS counts only confirmed ones.
import "server-only";
import { recordAudit } from "@/lib/audit";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { type LaterMail, mailLater } from "./mail";
import { assertCurrentPassword } from "./passwords";
import { consumeVerificationMail, ThrottledError } from "./rate-limit";
import { issueToken, linkBase, takeToken, usedToken } from "./tokens";
import { refreshRole, registerUser } from "./users";

/** How long a link confirming an address works: long enough to find the mail the next day. */
export const CONFIRM_LIFETIME_MS = 24 * 60 * 60 * 1000;

const NOTHING: LaterMail = async () => {};

/** The person's address, whether it is confirmed, and the address a pending change would move it to. */
export async function getEmailStatus({
  userId,
  now = new Date(),
}: {
  userId: string;
  now?: Date;
}): Promise<{ email: string; verified: boolean; pendingEmail: string | null; hasPassword: boolean }> {
  const user = await db.user.findUniqueOrThrow({
    where: { id: userId },
    select: {
      email: true,
      emailVerified: true,
      passwordHash: true,
      tokens: {
        where: { purpose: "email_change", usedAt: null, expiresAt: { gt: now } },
        orderBy: { createdAt: "desc" },
        take: 1,
        select: { email: true },
      },
    },
  });
  return {
    email: user.email,
    verified: user.emailVerified !== null,
    pendingEmail: user.tokens[0]?.email ?? null,
    hasPassword: user.passwordHash !== null,
  };
}

function confirmationMail({
  userId,
  email,
  token,
  appUrl,
}: {
  userId: string;
  email: string;
  token: string;
  appUrl: string;
}): LaterMail {
  return mailLater({
    userId,
    email,
    subject: "Confirm your email address for Mingus",
    lines: [
      "Confirm that this is the address of your Mingus account:",
      `${appUrl}/verify-email?token=${token}`,
      "",
      "The link works once, within 24 hours. Until the address is confirmed, email alerts wait.",
      "If you did not create a Mingus account, ignore this email: nothing will be sent to you again.",
    ],
    what: "address confirmation mail",
  });
}

/**
 * Sign-up: a new account with a link confirming its address, or, when the address already has an
 * account, a notice to its owner and nothing else. Both cost one password hash and answer the same;
 * the caller sends `send` after answering. A flood of sign-ups with someone's address reaches their
 * mailbox 3 times an hour at most.
 */
export async function signUpWithEmail({
  email,
  password,
  name,
  appUrl = linkBase(),
}: {
  email: string;
  password: string;
  name?: string;
  appUrl?: string;
}): Promise<{ created: boolean; send: LaterMail }> {
  // Counted first, so nothing can fail between making an account and mailing its link.
  let mailAllowed = true;
  try {
    await consumeVerificationMail({ email });
  } catch (error) {
    // Saying so would tell the caller that the address has an account.
    if (!(error instanceof ThrottledError)) throw error;
    mailAllowed = false;
  }
  const user = await registerUser({ email, password, name });
  const owner = user ? null : await db.user.findUnique({ where: { email }, select: { id: true } });
  const userId = user?.id ?? owner?.id;
  if (!userId) return { created: false, send: NOTHING };
  // A new account always gets its link; an owner's mailbox is spared a flood of notices.
  if (!user && !mailAllowed) return { created: false, send: NOTHING };
  if (user) {
    const token = await issueToken({ userId, purpose: "email_verification", email, lifetimeMs: CONFIRM_LIFETIME_MS });
    return { created: true, send: confirmationMail({ userId, email, token, appUrl }) };
  }
  return {
    created: false,
    send: mailLater({
      userId,
      email,
      subject: "You already have a Mingus account",
      lines: [
        "Someone, perhaps you, tried to create a Mingus account with this address. It already has one, so no",
        "new account was made and nothing about yours changed.",
        "",
        `Sign in: ${appUrl}/sign-in`,
        `Forgot your password? Choose a new one: ${appUrl}/forgot-password`,
        "",
        "If it was not you, you can ignore this email.",
      ],
      what: "existing account notice",
    }),
  };
}

/** A new link confirming the signed-in person's address; null when it is already confirmed. */
export async function resendConfirmation({
  userId,
  appUrl = linkBase(),
}: {
  userId: string;
  appUrl?: string;
}): Promise<{ email: string; send: LaterMail } | null> {
  const user = await db.user.findUniqueOrThrow({ where: { id: userId }, select: { email: true, emailVerified: true } });
  if (user.emailVerified) return null;
  await consumeVerificationMail({ email: user.email, userId });
  const token = await issueToken({
    userId,
    purpose: "email_verification",
    email: user.email,
    lifetimeMs: CONFIRM_LIFETIME_MS,
  });
  return { email: user.email, send: confirmationMail({ userId, email: user.email, token, appUrl }) };
}

/**
 * Moving the account to `newEmail`: needs the current password (wrong guesses count as wrong sign-ins),
 * and takes effect only when the link mailed to the new address is opened. An address another account
 * uses gets the same answer and a link that cannot succeed, so the form tells nobody who has an account.
 */
export async function requestEmailChange({
  userId,
  currentPassword,
  newEmail,
  address,
  appUrl = linkBase(),
}: {
  userId: string;
  currentPassword: string;
  newEmail: string;
  address: string;
  appUrl?: string;
}): Promise<{ newEmail: string } | { send: LaterMail }> {
  const user = await assertCurrentPassword({ userId, currentPassword, address });
  if (newEmail === user.email) return { newEmail: "That is already your address." };
  await consumeVerificationMail({ email: newEmail, userId });
  const token = await issueToken({ userId, purpose: "email_change", email: newEmail, lifetimeMs: CONFIRM_LIFETIME_MS });
  return {
    send: mailLater({
      userId,
      email: newEmail,
      subject: "Confirm your new email address for Mingus",
      lines: [
        `Someone signed in to the Mingus account of ${user.email} asked to use this address instead.`,
        "",
        "To make the change, open this link within 24 hours:",
        `${appUrl}/verify-email?token=${token}`,
        "",
        "The link works once. If you did not ask, ignore this email: nothing changes.",
      ],
      what: "email change mail",
    }),
  };
}

export type ConfirmedLink =
  | { outcome: "verified"; userId: string; email: string }
  | { outcome: "changed"; userId: string; email: string; notify: LaterMail };

/**
 * Opens a mailed link: confirms the address it was sent to, or moves the account there. Throws
 * auth:link_invalid for a link that is unknown, used, expired or for an address the account no longer
 * has, and auth:email_taken when another account took the new address meanwhile.
 */
export async function confirmEmailLink({
  token,
  now = new Date(),
  appUrl = linkBase(),
}: {
  token: string;
  now?: Date;
  appUrl?: string;
}): Promise<ConfirmedLink> {
  const invalid = () =>
    new AppError(
      "auth:link_invalid",
      "This confirmation link has expired or was already used. Sign in to ask for a new one.",
    );
  const verification = await takeToken({ token, purpose: "email_verification", now });
  if (verification?.email) {
    // A link mailed before the account moved to another address confirms nothing.
    const { count } = await db.user.updateMany({
      where: { id: verification.userId, email: verification.email },
      data: { emailVerified: now },
    });
    if (count === 0) throw invalid();
    await refreshRole({ userId: verification.userId });
    await recordAudit({
      action: "email_confirmed",
      userId: verification.userId,
      detail: { email: verification.email },
    });
    return { outcome: "verified", userId: verification.userId, email: verification.email };
  }
  const change = await takeToken({ token, purpose: "email_change", now });
  if (!change?.email) {
    // Opened before (a mail scanner, a second click): say what the first opening did, if it still holds.
    for (const purpose of ["email_verification", "email_change"] as const) {
      const used = await usedToken({ token, purpose });
      if (!used?.email) continue;
      const holds = await db.user.count({
        where: { id: used.userId, email: used.email, emailVerified: { not: null } },
      });
      if (holds === 1) {
        return purpose === "email_verification"
          ? { outcome: "verified", userId: used.userId, email: used.email }
          : { outcome: "changed", userId: used.userId, email: used.email, notify: NOTHING };
      }
    }
    throw invalid();
  }
  const newEmail = change.email;
  const before = await db.user.findUnique({ where: { id: change.userId }, select: { email: true } });
  if (!before) throw invalid();
  try {
    await db.$transaction([
      db.user.update({ where: { id: change.userId }, data: { email: newEmail, emailVerified: now } }),
      // Links mailed to the old address (a reset, a confirmation) and other pending moves are void now.
      db.userToken.deleteMany({ where: { userId: change.userId, usedAt: null } }),
    ]);
  } catch (error) {
    if ((error as { code?: string }).code === "P2002") {
      throw new AppError(
        "auth:email_taken",
        "Another Mingus account uses that address, so yours kept its address. Choose a different one.",
      );
    }
    throw error;
  }
  await refreshRole({ userId: change.userId });
  await recordAudit({ action: "email_changed", userId: change.userId, detail: { from: before.email, to: newEmail } });
  return {
    outcome: "changed",
    userId: change.userId,
    email: newEmail,
    notify: mailLater({
      userId: change.userId,
      email: before.email,
      subject: "Your Mingus email address was changed",
      lines: [
        `The Mingus account that used this address now uses ${newEmail}. Its sign-ins and alerts go there.`,
        "",
        `If you did not make this change, someone has your password: sign in at ${appUrl}/sign-in if you`,
        "still can and change your password, or ask this server's administrator for help.",
      ],
      what: "email changed notice",
    }),
  };
}
