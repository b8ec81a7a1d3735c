// What the browser's Link stand-in calls, authenticated by the link_token alone as Plaid's Link is:
// /link/session (mode and, in update mode, the item's institution), /link/institutions (search) and
// /link/login (sandbox credentials; creates the item, or repairs it in update mode, and returns a
// public_token with Link's account metadata).
import "server-only";
import { randomUUID } from "node:crypto";
import type { Institution } from "plaid";
import { db, type PlaidEmulatorLinkTokenModel, type Prisma } from "@/lib/db";
import { checkSandboxCredentials } from "../credentials";
import { defineEndpoint } from "../endpoint";
import { EmulatorError } from "../errors";
import { createItem, type EmulatorItem, itemAccounts, loadItem, setItemError } from "../items";
import { findSandboxInstitution, searchSandboxInstitutions } from "../sandbox";
import { linkInstitutionsSchema, linkLoginSchema, linkSessionSchema } from "../schemas";
import { createPublicToken, loadLinkToken } from "../tokens";

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
    const record = await loadLinkToken(body.link_token, ctx.now);
    const item = record.itemId ? await loadItem(record.itemId) : null;
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
    await loadLinkToken(body.link_token, ctx.now);
    return { institutions: searchSandboxInstitutions(body.query).map(presentForLink) };
  },
});

/** Update mode: the same login on the same institution repairs the item. */
async function repairItem(
  item: EmulatorItem,
  login: { institutionId: string; username: string },
  webhook: string | null,
) {
  if (login.institutionId !== item.institutionId) throw new EmulatorError("INVALID_INSTITUTION");
  if (login.username !== item.username) throw new EmulatorError("INVALID_UPDATED_USERNAME");
  await setItemError(item.itemId, null);
  if (webhook && webhook !== item.webhook) {
    await db.plaidEmulatorItem.update({ where: { itemId: item.itemId }, data: { webhook } });
  }
}

/** Notes the new item on its link token, so test hooks can find a Link user's items. */
async function recordLinkedItem(record: PlaidEmulatorLinkTokenModel, itemId: string) {
  const request = record.request as Record<string, unknown> & { linked_item_ids?: string[] };
  await db.plaidEmulatorLinkToken.update({
    where: { linkToken: record.linkToken },
    data: {
      request: { ...request, linked_item_ids: [...(request.linked_item_ids ?? []), itemId] } as Prisma.InputJsonValue,
    },
  });
}

export const linkLogin = defineEndpoint({
  schema: linkLoginSchema,
  auth: "link",
  run: async ({ body, ctx }) => {
    const record = await loadLinkToken(body.link_token, ctx.now);
    const institution = findSandboxInstitution(body.institution_id);
    if (!institution) throw new EmulatorError("INVALID_INSTITUTION");
    checkSandboxCredentials({ username: body.username, password: body.password });
    let item: EmulatorItem;
    if (record.itemId) {
      item = await loadItem(record.itemId);
      await repairItem(item, { institutionId: body.institution_id, username: body.username }, record.webhook);
    } else {
      const requested = (record.request as { products?: string[] | null }).products ?? ["transactions"];
      item = await createItem({
        clientId: record.clientId,
        institutionId: institution.institution_id,
        username: body.username,
        webhook: record.webhook,
        products: requested,
        now: ctx.now,
      });
      await recordLinkedItem(record, item.itemId);
    }
    return {
      public_token: await createPublicToken({ itemId: item.itemId, clientId: item.clientId, now: ctx.now }),
      institution: { institution_id: institution.institution_id, name: institution.name },
      accounts: itemAccounts(item).map((account) => ({
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
