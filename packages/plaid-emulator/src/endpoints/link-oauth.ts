// The Link stand-in's OAuth calls. /link/oauth/start (an OAuth institution picked) needs a link token
// with a redirect_uri and answers with the bank's consent page; /link/oauth/complete (Link reopened on
// the return page with receivedRedirectUri) spends the bank's oauth_state_id and completes the link or
// the repair, answering as /link/login does.
import { defineEndpoint } from "../endpoint.ts";
import { EmulatorError } from "../errors.ts";
import { loadItem } from "../items.ts";
import { createOAuthState, readOAuthStateId, spendOAuthState } from "../oauth.ts";
import { OAUTH_AUTHORIZE_PATH } from "../oauth-page.ts";
import { findSandboxInstitution } from "../sandbox/index.ts";
import { linkOAuthCompleteSchema, linkOAuthStartSchema } from "../schemas.ts";
import { type LinkTokenRecord, loadLinkToken } from "../tokens.ts";
import { completeLink, findLinkInstitution } from "./link-standin.ts";

function redirectUriOf(record: LinkTokenRecord): string {
  const uri = record.request.redirect_uri;
  if (typeof uri !== "string" || uri === "") {
    // What Plaid's Link reports when an OAuth bank is chosen on a token made without one.
    throw new EmulatorError("INVALID_FIELD", {
      message: "OAuth institutions require a redirect_uri: set one in /link/token/create",
    });
  }
  return uri;
}

export const linkOAuthStart = defineEndpoint({
  schema: linkOAuthStartSchema,
  auth: "link",
  run: async ({ body, ctx }) => {
    const record = await loadLinkToken(ctx.store, body.link_token, ctx.now);
    const institution = findLinkInstitution(record, body.institution_id);
    if (!institution.oauth) {
      throw new EmulatorError("INVALID_INSTITUTION", { message: "this institution signs in with credentials" });
    }
    if (record.itemId && (await loadItem(ctx.store, record.itemId)).institutionId !== institution.institution_id) {
      throw new EmulatorError("INVALID_INSTITUTION");
    }
    redirectUriOf(record);
    const state = await createOAuthState(ctx.store, {
      linkToken: record.linkToken,
      institutionId: institution.institution_id,
      now: ctx.now,
    });
    return {
      oauth_url: `${ctx.baseUrl}${OAUTH_AUTHORIZE_PATH}?state=${encodeURIComponent(state)}`,
      link_session_id: body.link_session_id,
    };
  },
});

export const linkOAuthComplete = defineEndpoint({
  schema: linkOAuthCompleteSchema,
  auth: "link",
  run: async ({ body, ctx }) => {
    const record = await loadLinkToken(ctx.store, body.link_token, ctx.now);
    const oauthStateId = readOAuthStateId(body.received_redirect_uri, redirectUriOf(record));
    const state = await spendOAuthState(ctx.store, { oauthStateId, linkToken: record.linkToken, now: ctx.now });
    const institution = findSandboxInstitution(state.institutionId);
    if (!institution) throw new EmulatorError("INVALID_INSTITUTION");
    return completeLink(ctx, { record, institution, username: null, linkSessionId: body.link_session_id });
  },
});
