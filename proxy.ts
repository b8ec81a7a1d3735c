// Gives every request an id (x-request-id: a sane incoming one is kept, otherwise a new UUID), on the
// request the app sees and on the response, so its log lines can be found (lib/log). Then sends people
// without a session to sign in, and signed-in people away from the sign-in pages: only a convenience,
// as every page, action and route handler checks the session itself.
import { type NextRequest, NextResponse } from "next/server";
import { getToken } from "next-auth/jwt";
import { getAuthSecret } from "@/lib/auth/secret";
import { acceptRequestId, REQUEST_ID_HEADER } from "@/lib/log/request-id";

const PUBLIC_PAGES = new Set(["/sign-in", "/sign-up"]);

export async function proxy(request: NextRequest) {
  const requestId = acceptRequestId(request.headers.get(REQUEST_ID_HEADER));
  const tagged = (response: NextResponse) => {
    response.headers.set(REQUEST_ID_HEADER, requestId);
    return response;
  };
  const { pathname, search } = request.nextUrl;
  // Route handlers authorize themselves (and /api/health is public): they only get the id.
  if (!pathname.startsWith("/api/")) {
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
  return tagged(NextResponse.next({ request: { headers } }));
}

export const config = {
  // Static files need neither an id nor a session.
  matcher: ["/((?!_next/static|_next/image|icon.svg|favicon.ico|sw.js).*)"],
};
