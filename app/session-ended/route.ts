// Where a request with a cookie but no live session is sent (lib/auth/session.ts requireUser): the
// session was ended elsewhere (Settings → Security, a password change) or has expired. Clears next-auth's
// session cookie, chunks included, then sends the person to sign in. A live session is left alone.
import { type NextRequest, NextResponse } from "next/server";
import { clearSessionCookies, getCurrentSession, SIGNED_OUT_PATH } from "@/lib/auth/session";

export async function GET(request: NextRequest) {
  if (await getCurrentSession()) return NextResponse.redirect(new URL("/accounts", request.url), 303);
  await clearSessionCookies();
  const response = NextResponse.redirect(new URL(SIGNED_OUT_PATH, request.url), 303);
  response.headers.set("Cache-Control", "no-store");
  return response;
}
