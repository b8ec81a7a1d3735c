"use server";
// Settings → Security: changing the password, and ending the person's own sessions. Each deletes user_sessions rows of the
// signed-in user only; a browser whose row is gone is signed out at its next request.

import { revalidatePath } from "next/cache";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { z } from "zod";
import { authedAction } from "@/lib/auth/action";
import { changePassword } from "@/lib/auth/passwords";
import { ThrottledError } from "@/lib/auth/rate-limit";
import { clearSessionCookies, getCurrentSession, SIGNED_OUT_PATH } from "@/lib/auth/session";
import { endSession, endSessions } from "@/lib/auth/sessions";
import { passwordSchema } from "@/lib/auth/users";
import { isAppError } from "@/lib/errors";
import { clientAddress } from "@/lib/security/client-address";

const PATH = "/settings/security";

export const endSessionAction = authedAction(
  z.object({ sessionId: z.uuid("That session does not exist.") }),
  async ({ sessionId }, user) => {
    const ended = await endSession({ userId: user.id, sessionId });
    // Ending this browser's own session is signing out here.
    if (ended && (await getCurrentSession())?.sessionId === sessionId) await leave();
    revalidatePath(PATH);
    return { ok: true, message: ended ? "Signed out." : "That session had already ended." };
  },
);

export const endOtherSessionsAction = authedAction(z.object({}), async (_input, user) => {
  const current = await getCurrentSession();
  const count = await endSessions({ userId: user.id, keep: current?.sessionId });
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
  await endSessions({ userId: user.id });
  return leave();
});

/** This browser's session is over: its cookie goes, and the person to the sign-in page. */
async function leave(): Promise<never> {
  await clearSessionCookies();
  redirect(SIGNED_OUT_PATH);
}

const changePasswordSchema = z.object({
  currentPassword: z.string().min(1, "Enter your current password.").max(128),
  newPassword: passwordSchema,
});

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
    if (isAppError(error, "auth:wrong_password")) {
      return { errors: { currentPassword: [error.message] }, message: "Nothing was changed." };
    }
    if (error instanceof ThrottledError) return { message: error.message };
    throw error;
  }
  revalidatePath(PATH);
  return { ok: true, message: "Password changed. Every other session was signed out." };
});
