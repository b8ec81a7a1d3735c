// The OAuth bank's consent page (GET /oauth/authorize?state=…) and its answer (POST: Allow or Deny,
// then a 303 to the link token's redirect_uri with oauth_state_id, as the bank and Plaid send people
// back). Plain HTML that works without script, at phone width and with a screen reader.
import type { EmulatorContext } from "./endpoint.ts";
import { EmulatorError } from "./errors.ts";
import { decideOAuthState, findOAuthState, type OAuthState } from "./oauth.ts";
import { findSandboxInstitution } from "./sandbox/index.ts";
import { type LinkTokenRecord, loadLinkToken } from "./tokens.ts";

export const OAUTH_AUTHORIZE_PATH = "/oauth/authorize";

const ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };
const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (char) => ESCAPES[char] ?? char);

const PAGE_HEADERS = {
  "Content-Type": "text/html; charset=utf-8",
  "Cache-Control": "no-store",
  "X-Frame-Options": "DENY",
  "Referrer-Policy": "no-referrer",
};

function page(status: number, title: string, body: string, color = "#1f2937"): Response {
  const html = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>
  body { margin: 0; font: 16px/1.5 system-ui, sans-serif; color: #111827; background: #f3f4f6; }
  header { background: ${color}; color: #fff; padding: 12px 20px; font-weight: 600; }
  header span { font-weight: 400; }
  main { max-width: 28rem; margin: 24px auto; padding: 24px; background: #fff; border-radius: 12px; }
  h1 { font-size: 1.25rem; margin: 0 0 12px; }
  .actions { display: flex; flex-wrap: wrap; gap: 12px; margin-top: 20px; }
  button { font: inherit; min-height: 44px; min-width: 44px; padding: 8px 20px; border-radius: 8px; cursor: pointer; }
  .allow { background: #166534; color: #fff; border: 2px solid #166534; }
  .deny { background: #fff; color: #111827; border: 2px solid #4b5563; }
  button:focus-visible { outline: 3px solid #2563eb; outline-offset: 2px; }
  .note { color: #374151; font-size: 0.875rem; }
</style>
</head>
<body>
${body}
</body>
</html>`;
  return new Response(html, { status, headers: PAGE_HEADERS });
}

function problemPage(status: number, message: string): Response {
  return page(
    status,
    "Bank sign-in unavailable",
    `<main><h1>This bank sign-in cannot continue</h1><p>${escapeHtml(message)}</p></main>`,
  );
}

type Consent = { state: OAuthState; record: LinkTokenRecord; redirectUri: string };

async function loadConsent(ctx: EmulatorContext, stateId: string | null): Promise<Consent> {
  const state = stateId ? await findOAuthState(ctx.store, stateId) : null;
  if (!state) throw new EmulatorError("INVALID_FIELD", { message: "This sign-in link is not valid." });
  const record = await loadLinkToken(ctx.store, state.linkToken, ctx.now);
  const redirectUri = typeof record.request.redirect_uri === "string" ? record.request.redirect_uri : null;
  if (!redirectUri) throw new EmulatorError("INVALID_FIELD", { message: "This sign-in has nowhere to return to." });
  return { state, record, redirectUri };
}

function consentPage({ state, record }: Consent): Response {
  const institution = findSandboxInstitution(state.institutionId);
  const bank = escapeHtml(institution?.name ?? "Your bank");
  const app = escapeHtml(typeof record.request.client_name === "string" ? record.request.client_name : "this app");
  const stateId = escapeHtml(state.oauthStateId);
  return page(
    200,
    `${institution?.name ?? "Your bank"}: share your accounts`,
    `<header>${bank} <span>(sandbox, Plaid emulator)</span></header>
<main>
  <h1>${bank} wants to share your accounts with ${app}</h1>
  <p>${app} will see your accounts' names, balances and transactions through Plaid. You can withdraw
  this consent at any time at ${bank}.</p>
  <form method="post" action="">
    <input type="hidden" name="state" value="${stateId}">
    <div class="actions">
      <button class="allow" type="submit" name="decision" value="allow">Allow</button>
      <button class="deny" type="submit" name="decision" value="deny">Deny</button>
    </div>
  </form>
</main>`,
    institution?.primary_color ?? undefined,
  );
}

async function readForm(request: Request): Promise<URLSearchParams> {
  const type = request.headers.get("content-type") ?? "";
  if (!type.includes("application/x-www-form-urlencoded")) return new URLSearchParams();
  return new URLSearchParams(await request.text());
}

/** GET shows the consent page; POST records Allow or Deny and sends the person back to the app. */
export async function answerOAuthPage(request: Request, ctx: EmulatorContext): Promise<Response> {
  try {
    if (request.method === "GET") {
      return consentPage(await loadConsent(ctx, new URL(request.url).searchParams.get("state")));
    }
    if (request.method !== "POST") return problemPage(405, "Only GET and POST are accepted here.");
    const form = await readForm(request);
    const decision = form.get("decision");
    if (decision !== "allow" && decision !== "deny") return problemPage(400, "Choose Allow or Deny.");
    const consent = await loadConsent(ctx, form.get("state"));
    await decideOAuthState(ctx.store, consent.state.oauthStateId, decision);
    const back = new URL(consent.redirectUri);
    back.searchParams.set("oauth_state_id", consent.state.oauthStateId);
    return new Response(null, { status: 303, headers: { Location: back.toString(), "Cache-Control": "no-store" } });
  } catch (error) {
    if (error instanceof EmulatorError) {
      const message = error.code === "INVALID_LINK_TOKEN" ? "This sign-in has expired. Start again." : error.message;
      return problemPage(400, message);
    }
    throw error;
  }
}
