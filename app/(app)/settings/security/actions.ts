"use server";

// Settings → Security: the email address (confirming it, moving to another), changing the password,
// and ending the person's own sessions. Each deletes user_sessions rows of the
// signed-in user only; a browser whose row is gone is signed out at its next request.

import type { PublicKeyCredentialCreationOptionsJSON } from "@simplewebauthn/server";
import { revalidatePath } from "next/cache";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { after } from "next/server";
import { z } from "zod";
import { recordAudit } from "@/lib/audit";
import { type ActionState, authedAction } from "@/lib/auth/action";
import { deleteAccount } from "@/lib/auth/delete-account";
import { requestEmailChange, resendConfirmation } from "@/lib/auth/email-addresses";
import {
  beginPasskeyRegistration,
  finishPasskeyRegistration,
  passkeyRegistrationSchema,
  removePasskey,
} from "@/lib/auth/passkeys";
import { changePassword } from "@/lib/auth/passwords";
import { ThrottledError } from "@/lib/auth/rate-limit";
import { clearSessionCookies, getCurrentSession, SIGNED_OUT_PATH } from "@/lib/auth/session";
import { endSession, endSessions } from "@/lib/auth/sessions";
import { beginTotpSetup, confirmTotpSetup, disableTwoFactor, renewRecoveryCodes } from "@/lib/auth/two-factor";
import { emailSchema, passwordSchema } from "@/lib/auth/users";
import { isAppError } from "@/lib/errors";
import { log } from "@/lib/log";
import { clientAddress } from "@/lib/security/client-address";
import { freeTextSchema } from "@/lib/text/free-text";

const PATH = "/settings/security";

export const endSessionAction = authedAction(
  z.object({ sessionId: z.uuid("That session does not exist.") }),
  async ({ sessionId }, user) => {
    const ended = await endSession({ userId: user.id, sessionId });
    if (ended) await recordAudit({ action: "sessions_ended", userId: user.id, detail: { scope: "one", count: 1 } });
    // Ending this browser's own session is signing out here.
    if (ended && (await getCurrentSession())?.sessionId === sessionId) await leave();
    revalidatePath(PATH);
    return { ok: true, message: ended ? "Signed out." : "That session had already ended." };
  },
);

export const endOtherSessionsAction = authedAction(z.object({}), async (_input, user) => {
  const current = await getCurrentSession();
  const count = await endSessions({ userId: user.id, keep: current?.sessionId });
  if (count > 0) await recordAudit({ action: "sessions_ended", userId: user.id, detail: { scope: "others", count } });
  revalidatePath(PATH);
  return {
    ok: true,
    message:
      count === 0
        ? "No other session was open."
        : `Signed out of ${count} other ${count === 1 ? "session" : "sessions"}.`,
  };
});

export const endAllSessionsAction = authedAction(z.object({}), async (_input, user) => {
  const count = await endSessions({ userId: user.id });
  await recordAudit({ action: "sessions_ended", userId: user.id, detail: { scope: "all", count } });
  return leave();
});

/** This browser's session is over: its cookie goes, and the person to the sign-in page. */
async function leave(): Promise<never> {
  await clearSessionCookies();
  redirect(SIGNED_OUT_PATH);
}

const currentPasswordSchema = z.string().min(1, "Enter your current password.").max(128);

/** What a form that asks for the current password says when it was wrong, or when asked too often. */
function refusal(error: unknown): ActionState {
  if (isAppError(error, "auth:wrong_password")) {
    return { errors: { currentPassword: [error.message] }, message: "Nothing was changed." };
  }
  if (isAppError(error, "auth:wrong_code"))
    return { errors: { code: [error.message] }, message: "Nothing was changed." };
  if (isAppError(error)) return { message: error.message };
  if (error instanceof ThrottledError) return { message: error.message };
  throw error;
}

const changePasswordSchema = z.object({ currentPassword: currentPasswordSchema, newPassword: passwordSchema });

/** A new password; the current one is required, and every other session ends. */
export const changePasswordAction = authedAction(changePasswordSchema, async (input, user) => {
  const current = await getCurrentSession();
  try {
    const problem = await changePassword({
      userId: user.id,
      keepSessionId: current?.sessionId,
      currentPassword: input.currentPassword,
      newPassword: input.newPassword,
      address: clientAddress(await headers()),
    });
    if (problem) return { errors: { newPassword: [problem.newPassword] }, message: "Nothing was changed." };
  } catch (error) {
    return refusal(error);
  }
  revalidatePath(PATH);
  return { ok: true, message: "Password changed. Every other session was signed out." };
});

const deleteAccountSchema = z.object({
  currentPassword: z.string().max(128).default(""),
  code: z.string().max(64).default(""),
  typedEmail: z.string().max(254).default(""),
  understood: z.literal("on", { message: "Tick this to confirm that you understand." }),
});

/** Deletes the account (lib/auth/delete-account.ts), then this browser's cookie; the mail confirms it. */
export const deleteAccountAction = authedAction(deleteAccountSchema, async (input, user) => {
  try {
    const deleted = await deleteAccount({
      userId: user.id,
      currentPassword: input.currentPassword,
      typedEmail: input.typedEmail,
      code: input.code,
      address: clientAddress(await headers()),
    });
    after(deleted.send);
    log.info({ userId: user.id, banksRemoved: deleted.banksRemoved }, "account deleted");
  } catch (error) {
    if (isAppError(error, "auth:wrong_password")) {
      const field = input.typedEmail ? "typedEmail" : "currentPassword";
      return { errors: { [field]: [error.message] }, message: "Nothing was deleted." };
    }
    if (isAppError(error, "auth:wrong_code"))
      return { errors: { code: [error.message] }, message: "Nothing was deleted." };
    if (error instanceof ThrottledError) return { message: error.message };
    // Plaid would not remove a bank: the account and the banks not yet removed are still here.
    if (isAppError(error)) return { message: `Your account was not deleted. ${error.message}` };
    throw error;
  }
  await clearSessionCookies();
  redirect("/sign-in?deleted=1");
});

/** A new link confirming the person's address (3 an hour). */
export const resendConfirmationAction = authedAction(z.object({}), async (_input, user) => {
  try {
    const pending = await resendConfirmation({ userId: user.id });
    if (!pending) return { ok: true, message: "Your address is already confirmed." };
    after(pending.send);
    return { ok: true, message: `We sent a new link to ${pending.email}. It works for 24 hours.` };
  } catch (error) {
    if (error instanceof ThrottledError) return { message: error.message };
    throw error;
  }
});

const changeEmailSchema = z.object({ newEmail: emailSchema, currentPassword: currentPasswordSchema });

/** Moving the account to another address: the current password, then the link mailed to the new address. */
export const changeEmailAction = authedAction(changeEmailSchema, async (input, user) => {
  try {
    const outcome = await requestEmailChange({
      userId: user.id,
      currentPassword: input.currentPassword,
      newEmail: input.newEmail,
      address: clientAddress(await headers()),
    });
    if ("newEmail" in outcome) return { errors: { newEmail: [outcome.newEmail] }, message: "Nothing was changed." };
    after(outcome.send);
  } catch (error) {
    return refusal(error);
  }
  revalidatePath(PATH);
  return {
    ok: true,
    message: `Open the link we sent to ${input.newEmail} within 24 hours; your account keeps ${user.email} until then.`,
  };
});

/** The current password, optional here: accounts that sign in with GitHub or Google have none. */
const passwordIfAnySchema = z.string().max(128).default("");

/** Starts setting up an authenticator app: this browser's page then shows its QR code and key. */
export const beginTwoFactorAction = authedAction(z.object({}), async (_input, user) => {
  const current = await getCurrentSession();
  if (!current) return { message: "Your session has ended. Sign in again." };
  try {
    await beginTotpSetup({ userId: user.id, sessionId: current.sessionId });
  } catch (error) {
    return refusal(error);
  }
  revalidatePath(PATH);
  return { ok: true };
});

const codeSchema = z.string().trim().min(1, "Type the code from your app.").max(64, "That is not a code.");

/**
 * Turns two-factor sign-in on (a code from the app, and the password); every other browser is signed
 * out. Hands back the recovery codes, once.
 */
export const confirmTwoFactorAction = authedAction(
  z.object({ code: codeSchema, currentPassword: passwordIfAnySchema }),
  async (input, user): Promise<ActionState<{ recoveryCodes: string[] }>> => {
    const current = await getCurrentSession();
    if (!current) return { message: "Your session has ended. Sign in again." };
    try {
      const { recoveryCodes, sessionsEnded } = await confirmTotpSetup({
        userId: user.id,
        sessionId: current.sessionId,
        code: input.code,
        currentPassword: input.currentPassword,
        address: clientAddress(await headers()),
      });
      revalidatePath(PATH);
      const others =
        sessionsEnded === 0
          ? ""
          : ` ${sessionsEnded} other ${sessionsEnded === 1 ? "browser was" : "browsers were"} signed out.`;
      return { ok: true, message: `Two-factor sign-in is on.${others}`, data: { recoveryCodes } };
    } catch (error) {
      return refusal(error);
    }
  },
);

/** Ten new recovery codes (the password and a code); the old ones stop working. */
export const renewRecoveryCodesAction = authedAction(
  z.object({ code: codeSchema, currentPassword: passwordIfAnySchema }),
  async (input, user): Promise<ActionState<{ recoveryCodes: string[] }>> => {
    try {
      const { recoveryCodes } = await renewRecoveryCodes({
        userId: user.id,
        code: input.code,
        currentPassword: input.currentPassword,
        address: clientAddress(await headers()),
      });
      revalidatePath(PATH);
      return { ok: true, message: "New recovery codes. The old ones no longer work.", data: { recoveryCodes } };
    } catch (error) {
      return refusal(error);
    }
  },
);

/** Turns two-factor sign-in off: the password and a code (or a recovery code). */
export const disableTwoFactorAction = authedAction(
  z.object({ code: codeSchema, currentPassword: passwordIfAnySchema }),
  async (input, user) => {
    try {
      await disableTwoFactor({
        userId: user.id,
        code: input.code,
        currentPassword: input.currentPassword,
        address: clientAddress(await headers()),
      });
    } catch (error) {
      return refusal(error);
    }
    revalidatePath(PATH);
    return { ok: true, message: "Two-factor sign-in is off." };
  },
);

const passkeyNameSchema = freeTextSchema({ max: 64, required: "Name the passkey, e.g. “Work laptop”." });

/**
 * Starts adding a passkey: the password (and a code, with two-factor sign-in on) are checked here, and
 * the browser gets what it asks the authenticator with. The passkey is added by finishPasskeyAction.
 */
export const beginPasskeyAction = authedAction(
  z.object({
    name: passkeyNameSchema,
    currentPassword: passwordIfAnySchema,
    code: z.string().trim().max(64, "That is not a code.").default(""),
  }),
  async (input, user): Promise<ActionState<{ options: PublicKeyCredentialCreationOptionsJSON }>> => {
    const current = await getCurrentSession();
    if (!current) return { message: "Your session has ended. Sign in again." };
    try {
      const options = await beginPasskeyRegistration({
        userId: user.id,
        sessionId: current.sessionId,
        name: input.name,
        code: input.code,
        currentPassword: input.currentPassword,
        address: clientAddress(await headers()),
      });
      return { ok: true, data: { options } };
    } catch (error) {
      return refusal(error);
    }
  },
);

/** The browser's new passkey, for the ceremony this session began. */
export const finishPasskeyAction = authedAction(
  z.object({ response: passkeyRegistrationSchema }),
  async (input, user) => {
    const current = await getCurrentSession();
    if (!current) return { message: "Your session has ended. Sign in again." };
    try {
      const { name, notify } = await finishPasskeyRegistration({
        userId: user.id,
        sessionId: current.sessionId,
        response: input.response,
      });
      after(notify);
      revalidatePath(PATH);
      return { ok: true, message: `Passkey “${name}” added. You can sign in with it without your password.` };
    } catch (error) {
      return refusal(error);
    }
  },
);

/** Removes a passkey (the password, if the account has one). */
export const removePasskeyAction = authedAction(
  z.object({ passkeyId: z.uuid("That passkey does not exist."), currentPassword: passwordIfAnySchema }),
  async (input, user) => {
    try {
      const { name } = await removePasskey({
        userId: user.id,
        passkeyId: input.passkeyId,
        currentPassword: input.currentPassword,
        address: clientAddress(await headers()),
      });
      revalidatePath(PATH);
      return { ok: true, message: `Passkey “${name}” removed.` };
    } catch (error) {
      return refusal(error);
    }
  },
);
