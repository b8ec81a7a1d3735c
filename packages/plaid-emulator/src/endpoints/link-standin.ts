// What the browser's Link stand-in calls, authenticated by the link_token alone as Plaid's Link is:
// /link/session (mode and, in update mode, the item's institution), /link/institutions (search) and
// /link/login (sandbox credentials; creates the item, or repairs it in update mode, and returns a
// public_token with Link's account metadata).
import { randomUUID } from "node:crypto";
import type { Institution } from "plaid";
import { checkSandboxCredentials } from "../credentials.ts";
import { defineEndpoint, type EmulatorContext } from "../endpoint.ts";
import { EmulatorError } from "../errors.ts";
import { createItem, type EmulatorItem, loadItem, setConsentExpiration, setItemError } from "../items.ts";
import { findSandboxInstitution, searchSandboxInstitutions } from "../sandbox/index.ts";
import { linkInstitutionsSchema, linkLoginSchema, linkSessionSchema } from "../schemas.ts";
import { createPublicToken, loadLinkToken, recordLinkedItem } from "../tokens.ts";

export type LinkInstitution = Pick<Institution, "institution_id" | "name"> & {
  logo: string | null;
  primary_color: string | null;
  url: string | null;
};

function presentForLink(institution: Institution): LinkInstitution {
  return {
    institution_id: institution.institution_id,
    name: institution.name,
    logo: institution.logo ?? null,
    primary_color: institution.primary_color ?? null,
    url: institution.url ?? null,
  };
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
    await loadLinkToken(ctx.store, body.link_token, ctx.now);
    return { institutions: searchSandboxInstitutions(body.query).map(presentForLink) };
  },
});

// A renewed consent lasts 90 days, as a UK bank's does under the FCA's rules (Plaid reports the new date).
const CONSENT_RENEWAL_MS = 90 * 24 * 60 * 60 * 1000;

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
  // Signing in again renews an expiring consent, for as long as a new one lasts.
  if (item.consentExpirationTime) {
    await setConsentExpiration(ctx.store, item.itemId, new Date(ctx.now.getTime() + CONSENT_RENEWAL_MS));
  }
  if (webhook && webhook !== item.webhook) {
    await ctx.store.query("UPDATE plaid_emulator.items SET webhook = $2 WHERE item_id = $1", [item.itemId, webhook]);
  }
}

export const linkLogin = defineEndpoint({
  schema: linkLoginSchema,
  auth: "link",
  run: async ({ body, ctx }) => {
    const record = await loadLinkToken(ctx.store, body.link_token, ctx.now);
    const institution = findSandboxInstitution(body.institution_id);
    if (!institution) throw new EmulatorError("INVALID_INSTITUTION");
    checkSandboxCredentials({ username: body.username, password: body.password });
    let item: EmulatorItem;
    if (record.itemId) {
      item = await loadItem(ctx.store, record.itemId);
      await repairItem(ctx, item, { institutionId: body.institution_id, username: body.username }, record.webhook);
    } else {
      const requested = record.request.products ?? ["transactions"];
      item = await createItem(ctx.store, {
        clientId: record.clientId,
        institutionId: institution.institution_id,
        username: body.username,
        webhook: record.webhook,
        products: requested,
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
      link_session_id: body.link_session_id,
    };
  },
});
