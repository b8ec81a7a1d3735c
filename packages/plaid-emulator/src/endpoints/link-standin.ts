// What the browser's Link stand-in calls, authenticated by the link_token alone as Plaid's Link is:
// /link/session (mode and, in update mode, the item's institution), /link/institutions (search, in the
// link token's countries), /link/login (sandbox credentials; creates the item, or repairs it in update
// mode, and returns a public_token with Link's account metadata) and /link/accounts/select (Link's
// account selection: the accounts the person shares, with a fresh public_token naming only them).
// OAuth banks go through link-oauth.ts instead of /link/login and end in the same completion.
import { randomUUID } from "node:crypto";
import type { Institution } from "plaid";
import { selectSharedAccounts } from "../account-selection.ts";
import { checkSandboxCredentials } from "../credentials.ts";
import { defineEndpoint, type EmulatorContext } from "../endpoint.ts";
import { EmulatorError } from "../errors.ts";
import {
  addItemProducts,
  createItem,
  type EmulatorItem,
  loadItem,
  productsForItem,
  setConsentExpiration,
  setItemError,
  sharedAccounts,
} from "../items.ts";
import { findSandboxInstitution, searchSandboxInstitutions, servesCountry } from "../sandbox/index.ts";
import { linkAccountsSelectSchema, linkInstitutionsSchema, linkLoginSchema, linkSessionSchema } from "../schemas.ts";
import {
  createPublicToken,
  type LinkTokenRecord,
  loadLinkToken,
  recordLinkedItem,
  redeemPublicToken,
} from "../tokens.ts";

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
      // Link's account selection pane: always when linking (Plaid's default, "enabled for multiple
      // accounts"); in update mode only when the link token asked for it.
      account_selection: item ? accountSelectionEnabled(record) : true,
      link_session_id: randomUUID(),
    };
  },
});

function accountSelectionEnabled(record: LinkTokenRecord): boolean {
  const update = record.request.update as { account_selection_enabled?: boolean } | undefined;
  return update?.account_selection_enabled === true;
}

/** Link's onSuccess account metadata for the accounts the item shares. */
function presentAccounts(item: EmulatorItem) {
  return sharedAccounts(item).map((account) => ({
    id: account.account_id,
    name: account.name,
    mask: account.mask,
    type: account.type,
    subtype: account.subtype,
    verification_status: null,
  }));
}

/** What Link's account selection pane lists: every account, ticked when shared or new to the person. */
function selectableAccounts(item: EmulatorItem) {
  const withheld = new Set(item.withheldAccountIds);
  return item.accounts.map((account) => ({
    id: account.account_id,
    name: account.name,
    mask: account.mask,
    type: account.type,
    subtype: account.subtype,
    shared: !withheld.has(account.account_id),
  }));
}

export const linkInstitutions = defineEndpoint({
  schema: linkInstitutionsSchema,
  auth: "link",
  run: async ({ body, ctx }) => {
    const record = await loadLinkToken(ctx.store, body.link_token, ctx.now);
    return { institutions: searchSandboxInstitutions(body.query, linkCountries(record)).map(presentForLink) };
  },
});

// A renewed consent lasts 90 days, as a UK bank's does under the FCA's rules (Plaid reports the new date).
const CONSENT_RENEWAL_MS = 90 * 24 * 60 * 60 * 1000;

/** Update mode: the same login on the same institution repairs the item. */
async function repairItem(
  ctx: EmulatorContext,
  item: EmulatorItem,
  login: { institutionId: string; username: string },
  { webhook, optionalProducts }: { webhook: string | null; optionalProducts: string[] },
) {
  if (login.institutionId !== item.institutionId) throw new EmulatorError("INVALID_INSTITUTION");
  if (login.username !== item.username) throw new EmulatorError("INVALID_UPDATED_USERNAME");
  await setItemError(ctx.store, item.itemId, null);
  // The person consents again in update mode, so optional products the bank offers join the item.
  const added = productsForItem({ institutionId: item.institutionId, required: [], optional: optionalProducts });
  if (added.length > 0) await addItemProducts(ctx.store, item.itemId, added);
  // Signing in again renews an expiring consent, for as long as a new one lasts.
  if (item.consentExpirationTime) {
    await setConsentExpiration(ctx.store, item.itemId, new Date(ctx.now.getTime() + CONSENT_RENEWAL_MS));
  }
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
  const optional = record.request.optional_products ?? [];
  if (record.itemId) {
    item = await loadItem(ctx.store, record.itemId);
    const login = { institutionId: institution.institution_id, username: username ?? item.username };
    await repairItem(ctx, item, login, { webhook: record.webhook, optionalProducts: optional });
  } else {
    item = await createItem(ctx.store, {
      clientId: record.clientId,
      institutionId: institution.institution_id,
      username: username ?? "oauth_user",
      webhook: record.webhook,
      products: productsForItem({
        institutionId: institution.institution_id,
        required: record.request.products ?? ["transactions"],
        optional,
      }),
      now: ctx.now,
    });
    await recordLinkedItem(ctx.store, record.linkToken, item.itemId);
  }
  return {
    public_token: await createPublicToken(ctx.store, { itemId: item.itemId, clientId: item.clientId, now: ctx.now }),
    institution: { institution_id: institution.institution_id, name: institution.name },
    accounts: presentAccounts(item),
    selectable_accounts: selectableAccounts(item),
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

/**
 * Link's account selection, after the login: the item shares exactly the accounts ticked. Allowed for
 * the item this link token made or repairs, and in update mode only when the token enabled selection.
 */
export const linkAccountsSelect = defineEndpoint({
  schema: linkAccountsSelectSchema,
  auth: "link",
  run: async ({ body, ctx }) => {
    const record = await loadLinkToken(ctx.store, body.link_token, ctx.now);
    // The login's public token names the item, and is used up: the selection's token replaces it.
    const itemId = await redeemPublicToken(ctx.store, { publicToken: body.public_token, now: ctx.now });
    const madeHere = record.itemId === itemId || (record.request.linked_item_ids ?? []).includes(itemId);
    if (!madeHere) {
      throw new EmulatorError("INVALID_FIELD", { message: "public_token was not issued by this link session" });
    }
    if (record.itemId && !accountSelectionEnabled(record)) {
      throw new EmulatorError("INVALID_FIELD", {
        message: "account selection is not enabled for this link token: set update.account_selection_enabled",
      });
    }
    const current = await loadItem(ctx.store, itemId);
    if (current.error) throw new EmulatorError("ITEM_LOGIN_REQUIRED");
    const { item } = await selectSharedAccounts(ctx.store, { itemId, accountIds: body.account_ids });
    const institution = findSandboxInstitution(item.institutionId);
    return {
      public_token: await createPublicToken(ctx.store, { itemId: item.itemId, clientId: item.clientId, now: ctx.now }),
      institution: { institution_id: item.institutionId, name: institution?.name ?? item.institutionId },
      accounts: presentAccounts(item),
      link_session_id: body.link_session_id,
    };
  },
});
