// The link mailed to confirm an address or move the account to a new one. Opening it is the proof, so
// it works on GET (the mail client opens it; a person may not be signed in in that browser); a link is
// single-use and only ever confirms the address it was mailed to. Answers with a redirect to a page
// that says what happened (components/auth/email-notices.ts).
import { after, NextResponse } from "next/server";
import { confirmEmailLink } from "@/lib/auth/email-addresses";
import { getCurrentSession } from "@/lib/auth/session";
import { isAppError } from "@/lib/errors";

export const dynamic = "force-dynamic";

export async function GET(request: Request): Promise<NextResponse> {
  const token = new URL(request.url).searchParams.get("token") ?? "";
  let notice: "verified" | "changed" | "invalid" | "taken";
  try {
    const confirmed = await confirmEmailLink({ token });
    if (confirmed.outcome === "changed") after(confirmed.notify);
    notice = confirmed.outcome;
  } catch (error) {
    if (isAppError(error, "auth:link_invalid")) notice = "invalid";
    else if (isAppError(error, "auth:email_taken")) notice = "taken";
    else throw error;
  }
  const page = (await getCurrentSession()) ? "/settings/security" : "/sign-in";
  // A relative Location: the browser stays on the host it opened the link on, where its cookie is
  // (request.url names the host the server listens on, which a proxy may hide).
  return new NextResponse(null, {
    status: 303,
    headers: { Location: `${page}?email=${notice}`, "Cache-Control": "no-store" },
  });
}
