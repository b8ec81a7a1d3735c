// Plaid's webhook payloads, typed with the plaid package's webhook types, and the one way the
// emulator sends an item's webhook (only when the item has a webhook URL).
import {
  type DefaultUpdateWebhook,
  type ItemErrorWebhook,
  type LiabilitiesDefaultUpdateWebhook,
  type NewAccountsAvailableWebhook,
  type PendingDisconnectWebhook,
  PendingDisconnectWebhookReason,
  type PendingExpirationWebhook,
  type PlaidError,
  type SyncUpdatesAvailableWebhook,
  type TransactionsRemovedWebhook,
  type UserAccountRevokedWebhook,
  type UserPermissionRevokedWebhook,
  WebhookEnvironmentValues,
  type WebhookUpdateAcknowledgedWebhook,
} from "plaid";
import type { WebhookPayload, WebhookSender } from "./webhooks.ts";

const environment = WebhookEnvironmentValues.Sandbox;
const DISCONNECT_NOTICE_MS = 7 * 24 * 60 * 60 * 1000;

export function syncUpdatesAvailablePayload(itemId: string): SyncUpdatesAvailableWebhook {
  return {
    webhook_type: "TRANSACTIONS",
    webhook_code: "SYNC_UPDATES_AVAILABLE",
    item_id: itemId,
    initial_update_complete: true,
    historical_update_complete: true,
    environment,
  };
}

export function defaultUpdatePayload(itemId: string, newTransactions: number): DefaultUpdateWebhook {
  return {
    webhook_type: "TRANSACTIONS",
    webhook_code: "DEFAULT_UPDATE",
    item_id: itemId,
    error: null,
    new_transactions: newTransactions,
    environment,
  };
}

/** Nothing was removed: the emulator fires it on request only. */
export function transactionsRemovedPayload(itemId: string): TransactionsRemovedWebhook {
  return {
    webhook_type: "TRANSACTIONS",
    webhook_code: "TRANSACTIONS_REMOVED",
    item_id: itemId,
    error: null,
    removed_transactions: [],
    environment,
  };
}

export function itemErrorPayload(itemId: string, error: PlaidError): ItemErrorWebhook {
  return { webhook_type: "ITEM", webhook_code: "ERROR", item_id: itemId, error, environment };
}

/** ITEM webhooks that carry nothing but the item (LOGIN_REPAIRED, USER_PERMISSION_REVOKED...). */
export function itemNoticePayload(itemId: string, code: string): WebhookPayload {
  return { webhook_type: "ITEM", webhook_code: code, item_id: itemId, environment };
}

export function newAccountsAvailablePayload(itemId: string): NewAccountsAvailableWebhook {
  return { webhook_type: "ITEM", webhook_code: "NEW_ACCOUNTS_AVAILABLE", item_id: itemId, error: null, environment };
}

export function pendingDisconnectPayload(
  itemId: string,
  now: Date,
  reason: PendingDisconnectWebhookReason = PendingDisconnectWebhookReason.TokenExpiration,
): PendingDisconnectWebhook {
  return {
    webhook_type: "ITEM",
    webhook_code: "PENDING_DISCONNECT",
    item_id: itemId,
    reason,
    disconnect_time: new Date(now.getTime() + DISCONNECT_NOTICE_MS).toISOString(),
    environment,
  };
}

export function pendingExpirationPayload(itemId: string, expiresAt: string): PendingExpirationWebhook {
  return {
    webhook_type: "ITEM",
    webhook_code: "PENDING_EXPIRATION",
    item_id: itemId,
    consent_expiration_time: expiresAt,
    environment,
  };
}

export function userPermissionRevokedPayload(itemId: string, error: PlaidError): UserPermissionRevokedWebhook {
  return { webhook_type: "ITEM", webhook_code: "USER_PERMISSION_REVOKED", item_id: itemId, error, environment };
}

export function userAccountRevokedPayload(itemId: string, accountId: string): UserAccountRevokedWebhook {
  return {
    webhook_type: "ITEM",
    webhook_code: "USER_ACCOUNT_REVOKED",
    item_id: itemId,
    account_id: accountId,
    environment,
  };
}

export function webhookUpdateAcknowledgedPayload(itemId: string, url: string): WebhookUpdateAcknowledgedWebhook {
  return {
    webhook_type: "ITEM",
    webhook_code: "WEBHOOK_UPDATE_ACKNOWLEDGED",
    item_id: itemId,
    new_webhook_url: url,
    error: null,
    environment,
  };
}

/** LIABILITIES DEFAULT_UPDATE: which accounts' liabilities are new, and which fields changed on others. */
export function liabilitiesDefaultUpdatePayload(
  itemId: string,
  { added, updated }: { added: string[]; updated: Record<string, string[]> },
): LiabilitiesDefaultUpdateWebhook {
  return {
    webhook_type: "LIABILITIES",
    webhook_code: "DEFAULT_UPDATE",
    item_id: itemId,
    error: null,
    account_ids_with_new_liabilities: added,
    account_ids_with_updated_liabilities: updated,
    environment,
  };
}

/** Queues the webhook to the item's URL; an item without one gets nothing. Returns whether it was sent. */
export function sendItemWebhook(
  webhooks: WebhookSender,
  item: { itemId: string; webhook: string | null },
  payload: { webhook_type?: string; webhook_code?: string; item_id?: string },
): boolean {
  if (!item.webhook) return false;
  webhooks.queue({ itemId: item.itemId, url: item.webhook, payload: payload as WebhookPayload });
  return true;
}
