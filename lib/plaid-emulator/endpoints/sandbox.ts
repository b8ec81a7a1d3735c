// Plaid's sandbox-only endpoints: /sandbox/public_token/create (an item without Link),
// /sandbox/item/reset_login (forces ITEM_LOGIN_REQUIRED) and /sandbox/item/fire_webhook.
import "server-only";
import type {
  SandboxItemFireWebhookResponse,
  SandboxItemResetLoginResponse,
  SandboxPublicTokenCreateResponse,
} from "plaid";
import { checkSandboxCredentials, SANDBOX_PASSWORD } from "../credentials";
import { defineEndpoint, defineItemEndpoint } from "../endpoint";
import { buildPlaidError, EmulatorError } from "../errors";
import { createItem, type EmulatorItem, setItemError } from "../items";
import { findSandboxInstitution } from "../sandbox";
import { accessTokenSchema, sandboxFireWebhookSchema, sandboxPublicTokenCreateSchema } from "../schemas";
import { createPublicToken } from "../tokens";
import {
  defaultUpdatePayload,
  itemErrorPayload,
  itemNoticePayload,
  newAccountsAvailablePayload,
  pendingDisconnectPayload,
  sendItemWebhook,
  syncUpdatesAvailablePayload,
} from "../webhook-payloads";

export const sandboxPublicTokenCreate = defineEndpoint({
  schema: sandboxPublicTokenCreateSchema,
  run: async ({ body, ctx }): Promise<Omit<SandboxPublicTokenCreateResponse, "request_id">> => {
    if (!findSandboxInstitution(body.institution_id)) throw new EmulatorError("INVALID_INSTITUTION");
    const username = body.options?.override_username ?? "user_good";
    checkSandboxCredentials({ username, password: body.options?.override_password ?? SANDBOX_PASSWORD });
    const item = await createItem({
      clientId: ctx.clientId ?? "",
      institutionId: body.institution_id,
      username,
      webhook: body.options?.webhook ?? null,
      products: body.initial_products,
      now: ctx.now,
    });
    return { public_token: await createPublicToken({ itemId: item.itemId, clientId: item.clientId, now: ctx.now }) };
  },
});

/** Puts the item in ITEM_LOGIN_REQUIRED (data endpoints then fail with it) and tells its webhook. */
export async function requireLogin(item: EmulatorItem, requestId: string): Promise<void> {
  const itemError = buildPlaidError({ code: "ITEM_LOGIN_REQUIRED", requestId });
  await setItemError(item.itemId, itemError);
  sendItemWebhook(item, itemErrorPayload(item.itemId, itemError));
}

export const sandboxItemResetLogin = defineItemEndpoint({
  schema: accessTokenSchema,
  run: async ({ item, ctx }): Promise<Omit<SandboxItemResetLoginResponse, "request_id">> => {
    await requireLogin(item, ctx.requestId);
    return { reset_login: true };
  },
});

// Which webhook_type each code belongs to, for checking an explicit webhook_type.
const TYPES: Record<string, string> = {
  SYNC_UPDATES_AVAILABLE: "TRANSACTIONS",
  DEFAULT_UPDATE: "TRANSACTIONS",
  NEW_ACCOUNTS_AVAILABLE: "ITEM",
  LOGIN_REPAIRED: "ITEM",
  PENDING_DISCONNECT: "ITEM",
  ERROR: "ITEM",
  USER_PERMISSION_REVOKED: "ITEM",
  USER_ACCOUNT_REVOKED: "ITEM",
};

export const sandboxItemFireWebhook = defineItemEndpoint({
  schema: sandboxFireWebhookSchema,
  run: async ({ body, item, ctx }): Promise<Omit<SandboxItemFireWebhookResponse, "request_id">> => {
    const code = body.webhook_code;
    const type = TYPES[code];
    if (!type) {
      throw new EmulatorError("INVALID_FIELD", { message: `webhook_code ${code} is not supported by the emulator` });
    }
    if (body.webhook_type && body.webhook_type !== type) {
      throw new EmulatorError("INVALID_FIELD", {
        message: `webhook_code ${code} is not a ${body.webhook_type} webhook`,
      });
    }
    if (!item.webhook) throw new EmulatorError("SANDBOX_WEBHOOK_INVALID");
    // ERROR and LOGIN_REPAIRED also change the item, so the emulator's state agrees with what was told.
    if (code === "ERROR") {
      await requireLogin(item, ctx.requestId);
      return { webhook_fired: true };
    }
    if (code === "LOGIN_REPAIRED") await setItemError(item.itemId, null);
    const id = item.itemId;
    const payloads: Record<string, object> = {
      SYNC_UPDATES_AVAILABLE: syncUpdatesAvailablePayload(id),
      DEFAULT_UPDATE: defaultUpdatePayload(id, 0),
      NEW_ACCOUNTS_AVAILABLE: newAccountsAvailablePayload(id),
      PENDING_DISCONNECT: pendingDisconnectPayload(id, ctx.now),
    };
    sendItemWebhook(item, payloads[code] ?? itemNoticePayload(id, code));
    return { webhook_fired: true };
  },
});
