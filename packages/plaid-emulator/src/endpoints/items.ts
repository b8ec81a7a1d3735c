// /link/token/create and the item endpoints: /item/public_token/exchange, /item/get, /item/remove,
// /item/webhook/update.
import type {
  ItemGetResponse,
  ItemPublicTokenExchangeResponse,
  ItemRemoveResponse,
  ItemWebhookUpdateResponse,
  LinkTokenCreateResponse,
} from "plaid";
import { defineEndpoint, defineItemEndpoint } from "../endpoint.ts";
import { EmulatorError } from "../errors.ts";
import {
  hasIssuedAccessToken,
  ITEM_COLUMNS,
  issueAccessToken,
  lastSuccessfulUpdate,
  loadItem,
  loadItemByAccessToken,
  plaidTimestamp,
  serializeItem,
  serializeItemWithConsent,
  toItem,
} from "../items.ts";
import {
  accessTokenSchema,
  itemWebhookUpdateSchema,
  linkTokenCreateSchema,
  publicTokenExchangeSchema,
} from "../schemas.ts";
import { createLinkToken, type LinkTokenRequest, redeemPublicToken } from "../tokens.ts";
import { sendItemWebhook, syncUpdatesAvailablePayload, webhookUpdateAcknowledgedPayload } from "../webhook-payloads.ts";

type Answer<T> = Omit<T, "request_id">;

export const linkTokenCreate = defineEndpoint({
  schema: linkTokenCreateSchema,
  run: async ({ body, ctx }): Promise<Answer<LinkTokenCreateResponse>> => {
    const { access_token: accessToken, ...recorded } = body;
    // Update mode names the item by its access token; otherwise Link needs products to initialize.
    const item = accessToken ? await loadItemByAccessToken(ctx.store, accessToken) : null;
    if (!item && body.products == null) {
      throw new EmulatorError("MISSING_FIELDS", { message: "the following required fields are missing: products" });
    }
    if (!item && body.products?.length === 0) {
      throw new EmulatorError("INVALID_FIELD", { message: "products must contain at least one product" });
    }
    const both = (body.optional_products ?? []).filter((product) => body.products?.includes(product));
    if (both.length > 0) {
      throw new EmulatorError("INVALID_FIELD", {
        message: `a product may not be in both products and optional_products: ${both.join(", ")}`,
      });
    }
    if (body.webhook) ctx.webhooks.requireAllowed(body.webhook);
    const { linkToken, expiration } = await createLinkToken(ctx.store, {
      clientId: ctx.clientId ?? "",
      clientUserId: body.user.client_user_id,
      itemId: item?.itemId ?? null,
      webhook: body.webhook ?? null,
      request: recorded as LinkTokenRequest,
      now: ctx.now,
    });
    return { link_token: linkToken, expiration: plaidTimestamp(expiration) };
  },
});

export const publicTokenExchange = defineEndpoint({
  schema: publicTokenExchangeSchema,
  run: async ({ body, ctx }): Promise<Answer<ItemPublicTokenExchangeResponse>> => {
    const itemId = await redeemPublicToken(ctx.store, { publicToken: body.public_token, now: ctx.now });
    const item = await loadItem(ctx.store, itemId);
    const firstToken = !hasIssuedAccessToken(item);
    const accessToken = await issueAccessToken(ctx.store, item.itemId);
    // Plaid tells a new item's webhook once its transactions are ready, which here is at once.
    if (firstToken) sendItemWebhook(ctx.webhooks, item, syncUpdatesAvailablePayload(item.itemId));
    return { access_token: accessToken, item_id: item.itemId };
  },
});

export const itemGet = defineItemEndpoint({
  schema: accessTokenSchema,
  run: async ({ item, ctx }): Promise<Answer<ItemGetResponse>> => {
    const [lastWebhook] = await ctx.store.query<{ created_at: Date; payload: { webhook_code?: string } }>(
      `SELECT created_at, payload FROM plaid_emulator.webhooks
       WHERE item_id = $1 ORDER BY created_at DESC LIMIT 1`,
      [item.itemId],
    );
    return {
      item: serializeItemWithConsent(item),
      status: {
        investments: null,
        transactions: {
          // The bank's last good update stands while the item is in error; the failure is later.
          last_successful_update: plaidTimestamp(lastSuccessfulUpdate(item)),
          last_failed_update: item.error ? plaidTimestamp(item.updatedAt) : null,
        },
        last_webhook: lastWebhook
          ? {
              sent_at: plaidTimestamp(lastWebhook.created_at),
              code_sent: String(lastWebhook.payload.webhook_code ?? ""),
            }
          : null,
      },
    };
  },
});

export const itemRemove = defineItemEndpoint({
  schema: accessTokenSchema,
  run: async ({ item, ctx }): Promise<Answer<ItemRemoveResponse>> => {
    await ctx.store.query("UPDATE plaid_emulator.items SET removed_at = $2 WHERE item_id = $1", [item.itemId, ctx.now]);
    return {};
  },
});

export const itemWebhookUpdate = defineItemEndpoint({
  schema: itemWebhookUpdateSchema,
  run: async ({ body, item, ctx }): Promise<Answer<ItemWebhookUpdateResponse>> => {
    if (body.webhook) ctx.webhooks.requireAllowed(body.webhook);
    const [row] = await ctx.store.query<Parameters<typeof toItem>[0]>(
      `UPDATE plaid_emulator.items SET webhook = $2 WHERE item_id = $1 RETURNING ${ITEM_COLUMNS}`,
      [item.itemId, body.webhook ?? null],
    );
    if (!row) throw new EmulatorError("ITEM_NOT_FOUND");
    const updated = toItem(row);
    if (updated.webhook) {
      sendItemWebhook(ctx.webhooks, updated, webhookUpdateAcknowledgedPayload(item.itemId, updated.webhook));
    }
    return { item: serializeItem(updated) };
  },
});
