// Gives every request an id (x-request-id: a sane incoming one is kept, otherwise a new UUID), on the
// request the app sees and on the response, so its log lines can be found (lib/log). Gives every page a
// Content-Security-Policy with a fresh nonce (lib/security/headers.ts). Then sends people without a
// session to sign in, and signed-in people away from the sign-in pages: only a convenience, as every
// page, action and route handler checks the session itself.
import { type NextRequest, NextResponse } from "next/server";
import { getToken } from "next-auth/jwt";
import { REQUESTED_PATH_HEADER } from "@/lib/auth/return-path";
import { getAuthSecret } from "@/lib/auth/secret";
import { env } from "@/lib/env";
import { acceptRequestId, REQUEST_ID_HEADER } from "@/lib/log/request-id";
import { getPlaidConfig } from "@/lib/plaid/config";
import { contentSecurityPolicy, createNonce, transportSecurity } from "@/lib/security/headers";
import { serverActionBodyRefusal, serverActionRefusal } from "@/lib/security/server-action-guard";

const CSP_HEADER = "Content-Security-Policy";

/** The page's policy, with the nonce Next.js puts on its scripts. */
function pagePolicy(nonce: string): string {
  const plaid = getPlaidConfig();
  const appOrigin = new URL(plaid.appUrl).origin;
  return contentSecurityPolicy({
    nonce,
    development: env.NODE_ENV === "development",
    plaid:
      plaid.mode === "emulator"
        ? { mode: "emulator", emulatorOrigin: new URL(plaid.basePath).origin }
        : { mode: plaid.mode, apiOrigin: new URL(plaid.basePath).origin },
    appOrigin,
    https: appOrigin.startsWith("https:"),
  });
}

const PUBLIC_PAGES = new Set(["/sign-in", "/sign-up"]);
// Open with or without a session, never redirected: clearing the cookie of a session ended elsewhere
// (lib/auth/session.ts), and the pages mailed links open (password reset, address confirmation), which
// may be opened in a browser signed in or not.
const OPEN_PAGES = new Set(["/session-ended", "/forgot-password", "/reset-password", "/verify-email"]);

export async function proxy(request: NextRequest) {
  const requestId = acceptRequestId(request.headers.get(REQUEST_ID_HEADER));
  const https = new URL(getPlaidConfig().appUrl).protocol === "https:";
  const tagged = (response: NextResponse) => {
    response.headers.set(REQUEST_ID_HEADER, requestId);
    for (const [name, value] of Object.entries(transportSecurity(https))) response.headers.set(name, value);
    return response;
  };
  const { pathname, search } = request.nextUrl;
  if (request.method === "POST" && request.headers.has("next-action")) {
    const refusal = serverActionRefusal(request.headers) ?? (await serverActionBodyRefusal(request));
    if (refusal) {
      return tagged(
        new NextResponse(refusal.message, { status: refusal.status, headers: { "Content-Type": "text/plain" } }),
      );
    }
  }
  // Route handlers authorize themselves (and /api/health is public): they only get the id.
  if (!pathname.startsWith("/api/") && !OPEN_PAGES.has(pathname)) {
    const token = await getToken({ req: request, secret: getAuthSecret() });
    if (!token && !PUBLIC_PAGES.has(pathname)) {
      const url = new URL("/sign-in", request.url);
      if (pathname !== "/") url.searchParams.set("callbackUrl", `${pathname}${search}`);
      return tagged(NextResponse.redirect(url));
    }
    if (token && (PUBLIC_PAGES.has(pathname) || pathname === "/")) {
      return tagged(NextResponse.redirect(new URL("/accounts", request.url)));
    }
  }
  const headers = new Headers(request.headers);
  headers.set(REQUEST_ID_HEADER, requestId);
  if (pathname.startsWith("/api/")) return tagged(NextResponse.next({ request: { headers } }));
  // Always ours, never the browser's.
  headers.set(REQUESTED_PATH_HEADER, `${pathname}${search}`);
  // Next.js reads the nonce from the request's policy; the browser enforces the response's.
  const policy = pagePolicy(createNonce());
  headers.set(CSP_HEADER, policy);
  const response = NextResponse.next({ request: { headers } });
  response.headers.set(CSP_HEADER, policy);
  return tagged(response);
}

export const config = {
  // Static files need neither an id nor a session.
  matcher: ["/((?!_next/static|_next/image|icon.svg|favicon.ico|sw.js).*)"],
};
