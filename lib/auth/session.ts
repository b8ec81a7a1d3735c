// Who is asking: the signed-in user for this request (once per request). The session cookie is
// next-auth's encrypted JWT; it names a row of user_sessions (lib/auth/sessions.ts), and only while that
// row lives is the request signed in, so an ended session stops working at once, on every process.
import "server-only";
import { cookies, headers } from "next/headers";
import { notFound, redirect } from "next/navigation";
import { getToken } from "next-auth/jwt";
import { cache } from "react";
import { clientAddress } from "@/lib/security/client-address";
import { REQUESTED_PATH_HEADER, safeReturnPath } from "./return-path";
import { getAuthSecret } from "./secret";
import { sessionState } from "./sessions";
import { adminAccess } from "./two-factor";
import type { SessionUser } from "./users";

interface CurrentSession {
  user: SessionUser;
  sessionId: string;
  /** Signed in with a password (or OAuth), the second factor not given yet: only /two-factor opens. */
  secondFactorPending: boolean;
}

/** The live session of this request with its user, second factor given or not; or null. */
export const getSessionAnyStage = cache(async (): Promise<CurrentSession | null> => {
  const [requestHeaders, requestCookies] = await Promise.all([headers(), cookies()]);
  // The same reading of the cookie as proxy.ts and next-auth's own handlers.
  const token = await getToken({
    req: { headers: requestHeaders, cookies: requestCookies } as unknown as Parameters<typeof getToken>[0]["req"],
    secret: getAuthSecret(),
  });
  const sessionId = typeof token?.sid === "string" ? token.sid : null;
  if (!token?.sub || !sessionId) return null;
  const state = await sessionState({
    sessionId,
    userId: token.sub,
    origin: { userAgent: requestHeaders.get("user-agent"), address: clientAddress(requestHeaders) },
  });
  return state && { ...state, sessionId };
});

/** The live, fully signed-in session of this request with its user, or null (a session waiting for its
 * second factor counts as none: every page, action and route handler that asks is closed to it). */
export const getCurrentSession = cache(async (): Promise<CurrentSession | null> => {
  const session = await getSessionAnyStage();
  return session && !session.secondFactorPending ? session : null;
});

export const getCurrentUser = cache(async (): Promise<SessionUser | null> => {
  return (await getCurrentSession())?.user ?? null;
});

const SESSION_COOKIES = ["next-auth.session-token", "__Secure-next-auth.session-token"];

/** Clears next-auth's session cookie, chunks included (a server action or route handler only). */
export async function clearSessionCookies(): Promise<void> {
  const jar = await cookies();
  for (const { name } of jar.getAll()) {
    if (!SESSION_COOKIES.some((prefix) => name.startsWith(prefix))) continue;
    jar.set(name, "", { path: "/", maxAge: 0, httpOnly: true, sameSite: "lax", secure: name.startsWith("__Secure-") });
  }
}

/** Where a person whose session has just ended lands. */
export const SIGNED_OUT_PATH = "/sign-in?ended=1";

/**
 * The signed-in user. Anyone else goes to /session-ended, which clears a cookie whose session was ended
 * elsewhere (else proxy.ts, seeing a cookie, would send them back here) and then to sign in.
 */
export async function requireUser(): Promise<SessionUser> {
  const session = await getSessionAnyStage();
  if (!session) redirect("/session-ended");
  if (session.secondFactorPending) {
    // Back to the page asked for once the code is given (proxy.ts names it; checked again there).
    const asked = safeReturnPath((await headers()).get(REQUESTED_PATH_HEADER));
    redirect(`/two-factor?callbackUrl=${encodeURIComponent(asked)}`);
  }
  return session.user;
}

/**
 * An admin; a signed-in non-admin sees a 404, so the page's existence is not revealed. An admin who
 * must set up a second factor first (REQUIRE_ADMIN_2FA) is sent to do it.
 */
export async function requireAdmin(): Promise<SessionUser> {
  const user = await requireUser();
  const access = await adminAccess(user);
  if (access === "not_admin") notFound();
  if (access === "needs_second_factor") redirect("/settings/security?admin2fa=1#two-factor-heading");
  return user;
}
