// Who is asking: the signed-in user for this request (once per request). The session cookie is
// next-auth's encrypted JWT; it names a row of user_sessions (lib/auth/sessions.ts), and only while that
// row lives is the request signed in, so an ended session stops working at once, on every process.
import "server-only";
import { cookies, headers } from "next/headers";
import { notFound, redirect } from "next/navigation";
import { getToken } from "next-auth/jwt";
import { cache } from "react";
import { clientAddress } from "@/lib/security/client-address";
import { getAuthSecret } from "./secret";
import { userOfSession } from "./sessions";
import type { SessionUser } from "./users";

interface CurrentSession {
  user: SessionUser;
  sessionId: string;
}

/** The live session of this request with its user, or null. */
export const getCurrentSession = cache(async (): Promise<CurrentSession | null> => {
  const [requestHeaders, requestCookies] = await Promise.all([headers(), cookies()]);
  // The same reading of the cookie as proxy.ts and next-auth's own handlers.
  const token = await getToken({
    req: { headers: requestHeaders, cookies: requestCookies } as unknown as Parameters<typeof getToken>[0]["req"],
    secret: getAuthSecret(),
  });
  const sessionId = typeof token?.sid === "string" ? token.sid : null;
  if (!token?.sub || !sessionId) return null;
  const user = await userOfSession({
    sessionId,
    userId: token.sub,
    origin: { userAgent: requestHeaders.get("user-agent"), address: clientAddress(requestHeaders) },
  });
  return user && { user, sessionId };
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
  const user = await getCurrentUser();
  if (!user) redirect("/session-ended");
  return user;
}

/** An admin; a signed-in non-admin sees a 404, so the page's existence is not revealed. */
export async function requireAdmin(): Promise<SessionUser> {
  const user = await requireUser();
  if (user.role !== "admin") notFound();
  return user;
}
