// Firing any item webhook Plaid documents, and moving the item to the state the webhook tells of, so
// what the emulator says and what its endpoints then do agree: ERROR sets the item's error, the
// revocations make its calls fail, LOGIN_REPAIRED clears the error, PENDING_EXPIRATION sets the
// consent expiration /item/get reports. Shared by /sandbox/item/fire_webhook and
// /emulator/items/fire_webhook.
import { PendingDisconnectWebhookReason } from "plaid";
import type { EmulatorContext } from "./endpoint.ts";
import { type EmulatorErrorCode, ERROR_CATALOG } from "./error-catalog.ts";
import { buildPlaidError, EmulatorError } from "./errors.ts";
import { type EmulatorItem, setConsentExpiration, setItemError } from "./items.ts";
import {
  defaultUpdatePayload,
  itemErrorPayload,
  itemNoticePayload,
  newAccountsAvailablePayload,
  pendingDisconnectPayload,
  pendingExpirationPayload,
  sendItemWebhook,
  syncUpdatesAvailablePayload,
  transactionsRemovedPayload,
  userAccountRevokedPayload,
  userPermissionRevokedPayload,
  webhookUpdateAcknowledgedPayload,
} from "./webhook-payloads.ts";

/** Each code the emulator fires, with the webhook_type it belongs to. */
export const ITEM_WEBHOOK_TYPES: Readonly<Record<string, "ITEM" | "TRANSACTIONS">> = {
  SYNC_UPDATES_AVAILABLE: "TRANSACTIONS",
  DEFAULT_UPDATE: "TRANSACTIONS",
  INITIAL_UPDATE: "TRANSACTIONS",
  HISTORICAL_UPDATE: "TRANSACTIONS",
  TRANSACTIONS_REMOVED: "TRANSACTIONS",
  ERROR: "ITEM",
  PENDING_EXPIRATION: "ITEM",
  PENDING_DISCONNECT: "ITEM",
  USER_PERMISSION_REVOKED: "ITEM",
  USER_ACCOUNT_REVOKED: "ITEM",
  LOGIN_REPAIRED: "ITEM",
  NEW_ACCOUNTS_AVAILABLE: "ITEM",
  WEBHOOK_UPDATE_ACKNOWLEDGED: "ITEM",
};

export type FireWebhookRequest = {
  webhookType?: string;
  webhookCode: string;
  /** PENDING_EXPIRATION: when the consent expires (ISO 8601, in the future). */
  consentExpirationTime?: string;
  /** PENDING_DISCONNECT: why (default INSTITUTION_TOKEN_EXPIRATION). */
  reason?: PendingDisconnectWebhookReason;
  /** ERROR: the item error (an ITEM_ERROR code; default ITEM_LOGIN_REQUIRED). */
  errorCode?: EmulatorErrorCode;
  /** USER_ACCOUNT_REVOKED: the account revoked (default the item's first). */
  accountId?: string;
};

/** Checks the request whole before anything changes, so a refused call leaves the item as it was. */
function checkRequest(item: EmulatorItem, request: FireWebhookRequest, now: Date): void {
  const code = request.webhookCode;
  const type = Object.hasOwn(ITEM_WEBHOOK_TYPES, code) ? ITEM_WEBHOOK_TYPES[code] : undefined;
  if (!type) {
    throw new EmulatorError("INVALID_FIELD", {
      message: `webhook_code ${code} is not supported by the emulator; use one of ${Object.keys(ITEM_WEBHOOK_TYPES).join(", ")}`,
    });
  }
  if (request.webhookType !== undefined && request.webhookType !== type) {
    throw new EmulatorError("INVALID_FIELD", {
      message: `webhook_code ${code} is not a ${request.webhookType} webhook: it is a ${type} webhook`,
    });
  }
  if (code === "PENDING_EXPIRATION") {
    if (!request.consentExpirationTime) {
      throw new EmulatorError("MISSING_FIELDS", {
        message: "the following required fields are missing: consent_expiration_time",
      });
    }
    if (Date.parse(request.consentExpirationTime) <= now.getTime()) {
      throw new EmulatorError("INVALID_FIELD", { message: "consent_expiration_time must be in the future" });
    }
  }
  if (request.errorCode && ERROR_CATALOG[request.errorCode].type !== "ITEM_ERROR") {
    throw new EmulatorError("INVALID_FIELD", { message: "error_code must be an ITEM_ERROR code" });
  }
  if (request.accountId && !item.accounts.some((account) => account.account_id === request.accountId)) {
    throw new EmulatorError("INVALID_ACCOUNT_ID");
  }
  if (!item.webhook) throw new EmulatorError("SANDBOX_WEBHOOK_INVALID");
}

/** Sets the item's error and sends ERROR with it (sandbox reset_login's ITEM_LOGIN_REQUIRED by default). */
export async function setErrorAndNotify(
  ctx: EmulatorContext,
  item: EmulatorItem,
  code: EmulatorErrorCode = "ITEM_LOGIN_REQUIRED",
): Promise<void> {
  const itemError = buildPlaidError({ code, requestId: ctx.requestId });
  await setItemError(ctx.store, item.itemId, itemError);
  sendItemWebhook(ctx.webhooks, item, itemErrorPayload(item.itemId, itemError));
}

/** Fires the webhook after changing the item to match; throws (changing nothing) on a bad request. */
export async function fireItemWebhook(
  ctx: EmulatorContext,
  item: EmulatorItem,
  request: FireWebhookRequest,
): Promise<void> {
  checkRequest(item, request, ctx.now);
  const id = item.itemId;
  const send = (payload: object) => sendItemWebhook(ctx.webhooks, item, payload);
  switch (request.webhookCode) {
    case "ERROR":
      return setErrorAndNotify(ctx, item, request.errorCode);
    case "USER_PERMISSION_REVOKED": {
      const revoked = buildPlaidError({ code: "USER_PERMISSION_REVOKED", requestId: ctx.requestId });
      await setItemError(ctx.store, id, revoked);
      send(userPermissionRevokedPayload(id, revoked));
      return;
    }
    case "USER_ACCOUNT_REVOKED": {
      // Plaid answers an item whose account access was withdrawn with ACCESS_NOT_GRANTED.
      await setItemError(ctx.store, id, buildPlaidError({ code: "ACCESS_NOT_GRANTED", requestId: ctx.requestId }));
      send(userAccountRevokedPayload(id, request.accountId ?? item.accounts[0]?.account_id ?? ""));
      return;
    }
    case "LOGIN_REPAIRED":
      await setItemError(ctx.store, id, null);
      send(itemNoticePayload(id, "LOGIN_REPAIRED"));
      return;
    case "PENDING_EXPIRATION": {
      const expiresAt = new Date(String(request.consentExpirationTime));
      await setConsentExpiration(ctx.store, id, expiresAt);
      send(pendingExpirationPayload(id, expiresAt.toISOString()));
      return;
    }
    case "PENDING_DISCONNECT":
      send(pendingDisconnectPayload(id, ctx.now, request.reason ?? PendingDisconnectWebhookReason.TokenExpiration));
      return;
    case "NEW_ACCOUNTS_AVAILABLE":
      send(newAccountsAvailablePayload(id));
      return;
    case "WEBHOOK_UPDATE_ACKNOWLEDGED":
      send(webhookUpdateAcknowledgedPayload(id, String(item.webhook)));
      return;
    case "SYNC_UPDATES_AVAILABLE":
      send(syncUpdatesAvailablePayload(id));
      return;
    case "TRANSACTIONS_REMOVED":
      send(transactionsRemovedPayload(id));
      return;
    default:
      // DEFAULT_UPDATE, INITIAL_UPDATE, HISTORICAL_UPDATE: nothing new since the last sync.
      send({ ...defaultUpdatePayload(id, 0), webhook_code: request.webhookCode });
  }
}
