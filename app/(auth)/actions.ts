"use server";

import type { PublicKeyCredentialRequestOptionsJSON } from "@simplewebauthn/server";
import { revalidatePath } from "next/cache";
import { cookies, headers } from "next/headers";
import { redirect } from "next/navigation";
import { after } from "next/server";
import { z } from "zod";
import type { EmailNotice } from "@/components/auth/email-notices";
import { recordAudit } from "@/lib/audit";
import type { ActionState } from "@/lib/auth/action";
import { confirmEmailLink, signUpWithEmail } from "@/lib/auth/email-addresses";
import {
  beginPasskeySecondFactor,
  beginPasskeySignIn,
  CHALLENGE_LIFETIME_MS,
  finishPasskeySecondFactor,
  PASSKEY_CHALLENGE_COOKIE,
  passkeyAnswerSchema,
  passkeyDomain,
} from "@/lib/auth/passkeys";
import { passwordWeakness } from "@/lib/auth/password-strength";
import { requestPasswordReset, resetPassword } from "@/lib/auth/passwords";
import { consumeSignUp, ThrottledError } from "@/lib/auth/rate-limit";
import { safeReturnPath } from "@/lib/auth/return-path";
import { clearSessionCookies, getCurrentSession, getSessionAnyStage } from "@/lib/auth/session";
import { completeSecondFactor } from "@/lib/auth/sessions";
import { redeemSecondFactor } from "@/lib/auth/two-factor";
import { emailSchema, passwordSchema } from "@/lib/auth/users";
import { isAppError } from "@/lib/errors";
import { clientAddress } from "@/lib/security/client-address";
import { freeTextSchema } from "@/lib/text/free-text";

const signUpSchema = z
  .object({
    name: freeTextSchema({ max: 100 }).optional(),
    email: emailSchema,
    password: passwordSchema,
  })
  // The email and name count as guessable. zod runs this even when a field failed, so a password the
  // length rule refused gets only that message.
  .superRefine(async ({ name, email, password }, ctx) => {
    if (!passwordSchema.safeParse(password).success) return;
    const known = [email, name].filter((value): value is string => typeof value === "string");
    const weakness = await passwordWeakness(password, [...known, ...known.map((value) => value.split("@")[0] ?? "")]);
    if (weakness) ctx.addIssue({ code: "custom", path: ["password"], message: weakness });
  });

/**
 * Creates the account and mails a link confirming its address, or, when the address has an account
 * already, mails its owner a notice: the answer is the same either way, and the mail goes out after it.
 */
export async function signUp(_previous: ActionState, formData: FormData): Promise<ActionState> {
  const parsed = await signUpSchema.safeParseAsync(Object.fromEntries(formData));
  if (!parsed.success) {
    return { errors: z.flattenError(parsed.error).fieldErrors, message: "Check the highlighted fields." };
  }
  try {
    // Counted before the password is hashed: each sign-up costs the server an argon2 hash.
    await consumeSignUp({ address: clientAddress(await headers()) });
  } catch (error) {
    if (error instanceof ThrottledError) return { message: error.message };
    throw error;
  }
  const { send } = await signUpWithEmail(parsed.data);
  after(send);
  return {
    ok: true,
    message: `We have sent a message to ${parsed.data.email}. Open the link in it to confirm your address; email alerts start once it is confirmed.`,
  };
}

const resetRequestSchema = z.object({ email: emailSchema });

/**
 * "Forgot password": the same answer whether or not an account uses the address; the mail goes out after
 * the answer (next/server's after), so the time does not tell either.
 */
export async function requestPasswordResetAction(_previous: ActionState, formData: FormData): Promise<ActionState> {
  const parsed = resetRequestSchema.safeParse(Object.fromEntries(formData));
  if (!parsed.success) {
    return { errors: z.flattenError(parsed.error).fieldErrors, message: "Check the highlighted field." };
  }
  try {
    const pending = await requestPasswordReset({ email: parsed.data.email, address: clientAddress(await headers()) });
    if (pending) after(pending.send);
  } catch (error) {
    if (error instanceof ThrottledError) return { message: error.message };
    throw error;
  }
  return {
    ok: true,
    message:
      "If an account uses that address, we have emailed it a link to choose a new password. The link works for 30 minutes.",
  };
}

const resetSchema = z.object({ token: z.string().max(100), newPassword: passwordSchema });

/** A new password from a reset link; every session ends, and the person signs in with it. */
export async function resetPasswordAction(_previous: ActionState, formData: FormData): Promise<ActionState> {
  const parsed = resetSchema.safeParse(Object.fromEntries(formData));
  if (!parsed.success) {
    return { errors: z.flattenError(parsed.error).fieldErrors, message: "Check the highlighted field." };
  }
  try {
    const problem = await resetPassword({ token: parsed.data.token, newPassword: parsed.data.newPassword });
    if (problem) return { errors: { newPassword: [problem.newPassword] }, message: "Check the highlighted field." };
  } catch (error) {
    if (isAppError(error)) return { message: error.message };
    throw error;
  }
  // Every session just ended, this browser's too if it had one: its cookie goes, so the sign-in page shows.
  await clearSessionCookies();
  redirect("/sign-in?reset=1");
}

const confirmSchema = z.object({ token: z.string().max(100) });

/**
 * The button on the page a confirmation link opens: a POST, so mail scanners that open links confirm
 * nothing. Goes on to Settings → Security when this browser is signed in, else to sign in, saying what
 * happened.
 */
export async function confirmEmailAction(_previous: ActionState, formData: FormData): Promise<ActionState> {
  const parsed = confirmSchema.safeParse(Object.fromEntries(formData));
  if (!parsed.success) return { message: "This link is not one Mingus sent." };
  let notice: EmailNotice;
  try {
    const confirmed = await confirmEmailLink({ token: parsed.data.token });
    if (confirmed.outcome === "changed") after(confirmed.notify);
    notice = confirmed.outcome;
  } catch (error) {
    if (isAppError(error, "auth:link_invalid")) notice = "invalid";
    else if (isAppError(error, "auth:email_taken")) notice = "taken";
    else throw error;
  }
  // The header shows the address: render the layout again, not just the page.
  revalidatePath("/", "layout");
  redirect(`${(await getCurrentSession()) ? "/settings/security" : "/sign-in"}?email=${notice}`);
}

const secondFactorSchema = z.object({
  code: z.string().trim().min(1, "Type the code from your app, or a recovery code.").max(64, "That is not a code."),
  callbackUrl: z.string().max(2048).optional(),
});

/**
 * The second step of signing in: a code from the authenticator app or a recovery code, for a session
 * that waits for one. Right: the session opens everything, and the person goes where they were going.
 */
export async function secondFactorAction(
  _previous: ActionState<{ next: string }>,
  formData: FormData,
): Promise<ActionState<{ next: string }>> {
  const session = await getSessionAnyStage();
  if (!session) return { message: "This sign-in has ended (it waits 15 minutes for its code). Sign in again." };
  const parsed = secondFactorSchema.safeParse(Object.fromEntries(formData));
  if (!parsed.success) {
    return { errors: z.flattenError(parsed.error).fieldErrors, message: "Check the highlighted field." };
  }
  if (session.secondFactorPending) {
    try {
      const method = await redeemSecondFactor({ userId: session.user.id, code: parsed.data.code, purpose: "sign_in" });
      await recordAudit({ action: "two_factor_passed", userId: session.user.id, detail: { method } });
    } catch (error) {
      if (error instanceof ThrottledError) return { message: error.message };
      if (isAppError(error)) return { errors: { code: [error.message] }, message: error.message };
      throw error;
    }
    if (!(await completeSecondFactor({ userId: session.user.id, sessionId: session.sessionId }))) {
      return { message: "This sign-in waited too long for its code. Sign in again." };
    }
  }
  // The browser loads the next page itself: rendered in this request, it would still see the session
  // as it was when the request began (lib/auth/session.ts reads it once per request).
  return { ok: true, data: { next: safeReturnPath(parsed.data.callbackUrl) } };
}

/**
 * "Sign in with a passkey", first half: a challenge for the browser, its id in a cookie only this
 * browser sends back (to next-auth's passkey provider, lib/auth/options.ts, which finishes the sign-in).
 */
export async function passkeySignInOptionsAction(
  _previous: ActionState<{ options: PublicKeyCredentialRequestOptionsJSON }>,
  _formData: FormData,
): Promise<ActionState<{ options: PublicKeyCredentialRequestOptionsJSON }>> {
  try {
    const { challengeId, options } = await beginPasskeySignIn({ address: clientAddress(await headers()) });
    (await cookies()).set(PASSKEY_CHALLENGE_COOKIE, challengeId, {
      httpOnly: true,
      sameSite: "strict",
      secure: passkeyDomain()?.origin.startsWith("https:") ?? true,
      path: "/api/auth",
      maxAge: CHALLENGE_LIFETIME_MS / 1000,
    });
    return { ok: true, data: { options } };
  } catch (error) {
    if (error instanceof ThrottledError || isAppError(error)) return { message: error.message };
    throw error;
  }
}

/** A passkey in place of the code, first half: a challenge its passkeys may answer, for the waiting session. */
export async function passkeySecondFactorOptionsAction(
  _previous: ActionState<{ options: PublicKeyCredentialRequestOptionsJSON }>,
  _formData: FormData,
): Promise<ActionState<{ options: PublicKeyCredentialRequestOptionsJSON }>> {
  const session = await getSessionAnyStage();
  if (!session) return { message: "This sign-in has ended (it waits 15 minutes for its code). Sign in again." };
  if (!session.secondFactorPending) return { message: "This sign-in is already finished." };
  try {
    const options = await beginPasskeySecondFactor({ userId: session.user.id, sessionId: session.sessionId });
    return { ok: true, data: { options } };
  } catch (error) {
    if (isAppError(error)) return { message: error.message };
    throw error;
  }
}

const passkeySecondFactorSchema = z.object({
  response: passkeyAnswerSchema,
  callbackUrl: z.string().max(2048).optional(),
});

/** A passkey in place of the code, second half: the passkey's answer finishes the waiting sign-in. */
export async function passkeySecondFactorAction(
  _previous: ActionState<{ next: string }>,
  formData: FormData,
): Promise<ActionState<{ next: string }>> {
  const session = await getSessionAnyStage();
  if (!session) return { message: "This sign-in has ended (it waits 15 minutes for its code). Sign in again." };
  const parsed = passkeySecondFactorSchema.safeParse(Object.fromEntries(formData));
  if (!parsed.success) return { message: "The passkey's answer was not readable. Press “Use a passkey” again." };
  if (session.secondFactorPending) {
    try {
      const { passkeyName } = await finishPasskeySecondFactor({
        userId: session.user.id,
        sessionId: session.sessionId,
        response: parsed.data.response,
      });
      await recordAudit({
        action: "two_factor_passed",
        userId: session.user.id,
        detail: { method: "passkey", passkey: passkeyName },
      });
    } catch (error) {
      if (error instanceof ThrottledError || isAppError(error)) return { message: error.message };
      throw error;
    }
    if (!(await completeSecondFactor({ userId: session.user.id, sessionId: session.sessionId }))) {
      return { message: "This sign-in waited too long for its second factor. Sign in again." };
    }
  }
  return { ok: true, data: { next: safeReturnPath(parsed.data.callbackUrl) } };
}
