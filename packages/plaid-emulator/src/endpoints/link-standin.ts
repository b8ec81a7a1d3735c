// What the browser's Link stand-in calls, authenticated by the link_token alone as Plaid's Link is:
// /link/session (mode and, in update mode, the item's institution), /link/institutions (search, in the
// link token's countries) and /link/login (sandbox credentials; creates the item, or repairs it in
// update mode, and returns a public_token with Link's account metadata). OAuth banks go through
// link-oauth.ts instead of /link/login and end in the same completion.
import { randomUUID } from "node:crypto";
import type { Institution } from "plaid";
import { checkSandboxCredentials } from "../credentials.ts";
import { defineEndpoint, type EmulatorContext } from "../endpoint.ts";
import { EmulatorError } from "../errors.ts";
import { createItem, type EmulatorItem, loadItem, setItemError } from "../items.ts";
import { findSandboxInstitution, searchSandboxInstitutions, servesCountry } from "../sandbox/index.ts";
import { linkInstitutionsSchema, linkLoginSchema, linkSessionSchema } from "../schemas.ts";
import { createPublicToken, type LinkTokenRecord, loadLinkToken, recordLinkedItem } from "../tokens.ts";

export type LinkInstitution = Pick<Institution, "institution_id" | "name" | "oauth"> & {
  logo: string | null;
  primary_color: string | null;
  url: string | null;
};

function presentForLink(institution: Institution): LinkInstitution {
  return {
    institution_id: institution.institution_id,
    name: institution.name,
    oauth: institution.oauth,
    logo: institution.logo ?? null,
    primary_color: institution.primary_color ?? null,
    url: institution.url ?? null,
  };
}

/** The countries Link shows institutions of: the link token's country_codes (US for an old token). */
export function linkCountries(record: LinkTokenRecord): string[] {
  const codes = record.request.country_codes;
  return Array.isArray(codes) && codes.length > 0 ? codes.map(String) : ["US"];
}

/** An institution Link may pick with this token: known, and in one of its countries. */
export function findLinkInstitution(record: LinkTokenRecord, institutionId: string): Institution {
  const institution = findSandboxInstitution(institutionId);
  if (!institution || !servesCountry(institution, linkCountries(record))) {
    throw new EmulatorError("INVALID_INSTITUTION");
  }
  return institution;
}

export const linkSession = defineEndpoint({
  schema: linkSessionSchema,
  auth: "link",
  run: async ({ body, ctx }) => {
    const record = await loadLinkToken(ctx.store, body.link_token, ctx.now);
    const item = record.itemId ? await loadItem(ctx.store, record.itemId) : null;
    const institution = item ? findSandboxInstitution(item.institutionId) : null;
    return {
      mode: item ? ("update" as const) : ("create" as const),
      institution: institution ? presentForLink(institution) : null,
      link_session_id: randomUUID(),
    };
  },
});

export const linkInstitutions = defineEndpoint({
  schema: linkInstitutionsSchema,
  auth: "link",
  run: async ({ body, ctx }) => {
    const record = await loadLinkToken(ctx.store, body.link_token, ctx.now);
    return { institutions: searchSandboxInstitutions(body.query, linkCountries(record)).map(presentForLink) };
  },
});

/** Update mode: the same login on the same institution repairs the item. */
async function repairItem(
  ctx: EmulatorContext,
  item: EmulatorItem,
  login: { institutionId: string; username: string },
  webhook: string | null,
) {
  if (login.institutionId !== item.institutionId) throw new EmulatorError("INVALID_INSTITUTION");
  if (login.username !== item.username) throw new EmulatorError("INVALID_UPDATED_USERNAME");
  await setItemError(ctx.store, item.itemId, null);
  if (webhook && webhook !== item.webhook) {
    await ctx.store.query("UPDATE plaid_emulator.items SET webhook = $2 WHERE item_id = $1", [item.itemId, webhook]);
  }
}

/**
 * The end of a successful Link: a new item (create mode) or the repaired one (update mode), and what
 * Link's onSuccess receives. `username` is who signed in (the item's own for an OAuth repair).
 */
export async function completeLink(
  ctx: EmulatorContext,
  {
    record,
    institution,
    username,
    linkSessionId,
  }: { record: LinkTokenRecord; institution: Institution; username: string | null; linkSessionId: string },
) {
  let item: EmulatorItem;
  if (record.itemId) {
    item = await loadItem(ctx.store, record.itemId);
    const login = { institutionId: institution.institution_id, username: username ?? item.username };
    await repairItem(ctx, item, login, record.webhook);
  } else {
    item = await createItem(ctx.store, {
      clientId: record.clientId,
      institutionId: institution.institution_id,
      username: username ?? "oauth_user",
      webhook: record.webhook,
      products: record.request.products ?? ["transactions"],
      now: ctx.now,
    });
    await recordLinkedItem(ctx.store, record.linkToken, item.itemId);
  }
  return {
    public_token: await createPublicToken(ctx.store, { itemId: item.itemId, clientId: item.clientId, now: ctx.now }),
    institution: { institution_id: institution.institution_id, name: institution.name },
    accounts: item.accounts.map((account) => ({
      id: account.account_id,
      name: account.name,
      mask: account.mask,
      type: account.type,
      subtype: account.subtype,
      verification_status: null,
    })),
    link_session_id: linkSessionId,
  };
}

export const linkLogin = defineEndpoint({
  schema: linkLoginSchema,
  auth: "link",
  run: async ({ body, ctx }) => {
    const record = await loadLinkToken(ctx.store, body.link_token, ctx.now);
    const institution = findLinkInstitution(record, body.institution_id);
    // An OAuth bank never sees the person's password: it signs them in on its own page.
    if (institution.oauth) {
      throw new EmulatorError("INVALID_INSTITUTION", { message: "this institution signs in through OAuth" });
    }
    checkSandboxCredentials({ username: body.username, password: body.password });
    return completeLink(ctx, { record, institution, username: body.username, linkSessionId: body.link_session_id });
  },
});
