// /link/token/create and the item endpoints: /item/public_token/exchange, /item/get, /item/remove,
// /item/webhook/update.
import "server-only";
import type {
  ItemGetResponse,
  ItemPublicTokenExchangeResponse,
  ItemRemoveResponse,
  ItemWebhookUpdateResponse,
  LinkTokenCreateResponse,
} from "plaid";
import { db, type Prisma } from "@/lib/db";
import { defineEndpoint, defineItemEndpoint } from "../endpoint";
import { EmulatorError } from "../errors";
import {
  hasIssuedAccessToken,
  issueAccessToken,
  loadItem,
  loadItemByAccessToken,
  serializeItem,
  serializeItemWithConsent,
} from "../items";
import {
  accessTokenSchema,
  itemWebhookUpdateSchema,
  linkTokenCreateSchema,
  publicTokenExchangeSchema,
} from "../schemas";
import { createLinkToken, redeemPublicToken } from "../tokens";
import { sendItemWebhook, syncUpdatesAvailablePayload, webhookUpdateAcknowledgedPayload } from "../webhook-payloads";

type Answer<T> = Omit<T, "request_id">;

/** Plaid writes timestamps without milliseconds. */
export function plaidTimestamp(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, "Z");
}

export const linkTokenCreate = defineEndpoint({
  schema: linkTokenCreateSchema,
  run: async ({ body, ctx }): Promise<Answer<LinkTokenCreateResponse>> => {
    const { access_token: accessToken, ...recorded } = body;
    // Update mode names the item by its access token; otherwise Link needs products to initialize.
    const item = accessToken ? await loadItemByAccessToken(accessToken) : null;
    if (!item && body.products == null) {
      throw new EmulatorError("MISSING_FIELDS", { message: "the following required fields are missing: products" });
    }
    if (!item && body.products?.length === 0) {
      throw new EmulatorError("INVALID_FIELD", { message: "products must contain at least one product" });
    }
    const { linkToken, expiration } = await createLinkToken({
      clientId: ctx.clientId ?? "",
      clientUserId: body.user.client_user_id,
      itemId: item?.itemId ?? null,
      webhook: body.webhook ?? null,
      request: recorded as Prisma.InputJsonValue,
      now: ctx.now,
    });
    return { link_token: linkToken, expiration: plaidTimestamp(expiration) };
  },
});

export const publicTokenExchange = defineEndpoint({
  schema: publicTokenExchangeSchema,
  run: async ({ body, ctx }): Promise<Answer<ItemPublicTokenExchangeResponse>> => {
    const item = await loadItem(await redeemPublicToken({ publicToken: body.public_token, now: ctx.now }));
    const firstToken = !hasIssuedAccessToken(item);
    const accessToken = await issueAccessToken(item.itemId);
    // Plaid tells a new item's webhook once its transactions are ready, which here is at once.
    if (firstToken) sendItemWebhook(item, syncUpdatesAvailablePayload(item.itemId));
    return { access_token: accessToken, item_id: item.itemId };
  },
});

export const itemGet = defineItemEndpoint({
  schema: accessTokenSchema,
  run: async ({ item }): Promise<Answer<ItemGetResponse>> => {
    const lastWebhook = await db.plaidEmulatorWebhook.findFirst({
      where: { itemId: item.itemId },
      orderBy: { createdAt: "desc" },
    });
    return {
      item: serializeItemWithConsent(item),
      status: {
        investments: null,
        transactions: {
          last_successful_update: item.error ? null : plaidTimestamp(item.updatedAt),
          last_failed_update: item.error ? plaidTimestamp(item.updatedAt) : null,
        },
        last_webhook: lastWebhook
          ? {
              sent_at: plaidTimestamp(lastWebhook.createdAt),
              code_sent: String((lastWebhook.payload as { webhook_code?: string }).webhook_code ?? ""),
            }
          : null,
      },
    };
  },
});

export const itemRemove = defineItemEndpoint({
  schema: accessTokenSchema,
  run: async ({ item, ctx }): Promise<Answer<ItemRemoveResponse>> => {
    await db.plaidEmulatorItem.update({ where: { itemId: item.itemId }, data: { removedAt: ctx.now } });
    return {};
  },
});

export const itemWebhookUpdate = defineItemEndpoint({
  schema: itemWebhookUpdateSchema,
  run: async ({ body, item }): Promise<Answer<ItemWebhookUpdateResponse>> => {
    const updated = await db.plaidEmulatorItem.update({
      where: { itemId: item.itemId },
      data: { webhook: body.webhook ?? null },
    });
    if (updated.webhook) sendItemWebhook(updated, webhookUpdateAcknowledgedPayload(item.itemId, updated.webhook));
    return { item: serializeItem(updated) };
  },
});
