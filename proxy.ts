// Sends people without a session to sign in, and signed-in people away from the sign-in pages. Only a
// convenience: every page, action and route handler checks the session itself.
import { type NextRequest, NextResponse } from "next/server";
import { getToken } from "next-auth/jwt";
import { getAuthSecret } from "@/lib/auth/secret";

const PUBLIC_PAGES = new Set(["/sign-in", "/sign-up"]);

export async function proxy(request: NextRequest) {
  const token = await getToken({ req: request, secret: getAuthSecret() });
  const { pathname, search } = request.nextUrl;
  if (!token && !PUBLIC_PAGES.has(pathname)) {
    const url = new URL("/sign-in", request.url);
    if (pathname !== "/") url.searchParams.set("callbackUrl", `${pathname}${search}`);
    return NextResponse.redirect(url);
  }
  if (token && (PUBLIC_PAGES.has(pathname) || pathname === "/")) {
    return NextResponse.redirect(new URL("/accounts", request.url));
  }
  return NextResponse.next();
}

export const config = {
  // Route handlers authorize themselves (and /api/health is public); static files need no session.
  matcher: ["/((?!api/|_next/static|_next/image|icon.svg|favicon.ico|sw.js).*)"],
};
