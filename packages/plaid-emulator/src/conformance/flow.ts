// The calls a conformance run makes: Plaid's whole sandbox flow on one item and a dynamic one, each
// answer kept raw (status and JSON body) with the path it came from, including the errors Plaid
// documents for them (bad keys, a broken item, a bad field, a removed item, a throttled call, revoked
// access), and the body of every webhook it sent.
import { ITEM_WEBHOOK_TYPES } from "../fire-webhook.ts";
import type { EmulatorServer, RawAnswer } from "../testing.ts";

// Fired last, on purpose: they break the item for the calls after them.
const REVOKING = ["ERROR", "USER_PERMISSION_REVOKED", "USER_ACCOUNT_REVOKED"];

/** The schema in Plaid's definition each webhook code's body follows. */
const WEBHOOK_SCHEMAS: Record<string, string> = {
  SYNC_UPDATES_AVAILABLE: "SyncUpdatesAvailableWebhook",
  DEFAULT_UPDATE: "DefaultUpdateWebhook",
  INITIAL_UPDATE: "InitialUpdateWebhook",
  HISTORICAL_UPDATE: "HistoricalUpdateWebhook",
  TRANSACTIONS_REMOVED: "TransactionsRemovedWebhook",
  ERROR: "ItemErrorWebhook",
  PENDING_EXPIRATION: "PendingExpirationWebhook",
  PENDING_DISCONNECT: "PendingDisconnectWebhook",
  USER_PERMISSION_REVOKED: "UserPermissionRevokedWebhook",
  USER_ACCOUNT_REVOKED: "UserAccountRevokedWebhook",
  LOGIN_REPAIRED: "ItemLoginRepairedWebhook",
  NEW_ACCOUNTS_AVAILABLE: "NewAccountsAvailableWebhook",
  WEBHOOK_UPDATE_ACKNOWLEDGED: "WebhookUpdateAcknowledgedWebhook",
  // Codes another webhook type shares: named with their type.
  "LIABILITIES DEFAULT_UPDATE": "LiabilitiesDefaultUpdateWebhook",
};

export type Answer = { path: string; status: number; body: unknown };

/** Runs the flow against a fresh emulator; every answer, in order. */
export async function runConformanceFlow(server: EmulatorServer): Promise<Answer[]> {
  const answers: Answer[] = [];
  const call = async (path: string, body: Record<string, unknown>, headers?: Record<string, string>) => {
    const answer: RawAnswer = await server.post(path, body, { headers });
    answers.push({ path, status: answer.status, body: answer.body });
    return answer.body as Record<string, unknown>;
  };
  const us = { country_codes: ["US"] };
  const linkToken = (fields: Record<string, unknown>) =>
    call("/link/token/create", {
      ...us,
      client_name: "Conformance",
      language: "en",
      user: { client_user_id: "conformance-user" },
      ...fields,
    });
  // Nothing listens on port 1: webhooks are signed, sent and recorded as failed.
  const webhook = "http://127.0.0.1:1/webhook";

  await call("/institutions/get_by_id", {
    ...us,
    institution_id: "ins_109508",
    options: { include_optional_metadata: true },
  });
  // Institution status: healthy by default, then degraded through the emulator's control.
  await call("/institutions/get_by_id", { ...us, institution_id: "ins_109508", options: { include_status: true } });
  await server.post("/emulator/institutions/set_status", { institution_id: "ins_109508", status: "DEGRADED" });
  await call("/institutions/get_by_id", {
    ...us,
    institution_id: "ins_109508",
    options: { include_status: true, include_optional_metadata: true },
  });
  await call("/institutions/search", { ...us, query: "bank", products: ["transactions"] });
  await linkToken({ products: ["transactions"], optional_products: ["liabilities"], webhook });
  // OAuth and Europe: a redirect_uri, several countries, another language, and the OAuth banks.
  await linkToken({
    products: ["transactions"],
    country_codes: ["US", "GB", "ES"],
    language: "es",
    redirect_uri: "https://app.example/oauth-return",
  });
  await call("/institutions/get_by_id", {
    country_codes: ["US"],
    institution_id: "ins_127287",
    options: { include_optional_metadata: true },
  });
  await call("/institutions/search", { country_codes: ["GB", "ES"], query: "o", products: ["transactions"] });
  await call("/institutions/get_by_id", { country_codes: ["GB"], institution_id: "ins_117650" });

  const created = await call("/sandbox/public_token/create", {
    institution_id: "ins_109508",
    initial_products: ["transactions"],
    options: { webhook },
  });
  const exchanged = await call("/item/public_token/exchange", { public_token: created.public_token });
  const access_token = String(exchanged.access_token);
  await call("/item/get", { access_token });
  // A stale bank and a consent that expires: /item/get's status and consent fields filled.
  await server.post("/emulator/items/update", {
    item_id: exchanged.item_id,
    last_successful_update: new Date(Date.now() - 5 * 86_400_000).toISOString(),
    consent_expiration_time: new Date(Date.now() + 30 * 86_400_000).toISOString(),
  });
  await call("/item/get", { access_token });
  await call("/accounts/get", { access_token });
  await call("/accounts/balance/get", { access_token });
  let cursor: string | undefined;
  for (let page = 0; page < 10; page++) {
    const synced = await call("/transactions/sync", { access_token, cursor, count: 500 });
    cursor = String(synced.next_cursor);
    if (!synced.has_more) break;
  }
  await call("/transactions/get", {
    access_token,
    start_date: "2000-01-01",
    end_date: "2100-01-01",
    options: { count: 50 },
  });
  await call("/transactions/refresh", { access_token });
  await call("/transactions/sync", { access_token, cursor, count: 100 });
  await call("/item/webhook/update", { access_token, webhook });
  // Linked without Liabilities: the first call adds it, as Plaid does.
  const liabilities = await call("/liabilities/get", { access_token });
  const cardId = (liabilities.liabilities as { credit?: Array<{ account_id: string }> }).credit?.[0]?.account_id;
  await server.post("/emulator/items/liabilities/update", { item_id: exchanged.item_id, account_id: cardId });
  await call("/liabilities/get", { access_token, options: { account_ids: [cardId] } });
  await call("/sandbox/item/fire_webhook", { access_token, webhook_code: "DEFAULT_UPDATE" });
  // Every item webhook the emulator can fire (their bodies are judged below); the consent expiration
  // set by PENDING_EXPIRATION then shows on /item/get.
  const item_id = String(exchanged.item_id);
  const consent_expiration_time = new Date(Date.now() + 5 * 24 * 60 * 60 * 1000).toISOString();
  for (const webhook_code of Object.keys(ITEM_WEBHOOK_TYPES)) {
    if (REVOKING.includes(webhook_code)) continue;
    await server.post("/emulator/items/fire_webhook", {
      item_id,
      webhook_type: ITEM_WEBHOOK_TYPES[webhook_code],
      webhook_code,
      consent_expiration_time,
    });
  }
  await call("/sandbox/item/fire_webhook", { access_token, webhook_code: "LOGIN_REPAIRED" });
  await call("/item/get", { access_token });
  await server.flushWebhooks();
  // Now with webhooks sent: /item/get's status.last_webhook.
  await call("/item/get", { access_token });
  const [key] = await server.emulator.store.query<{ kid: string }>("SELECT kid FROM plaid_emulator.keys LIMIT 1");
  await call("/webhook_verification_key/get", { key_id: key?.kid ?? "none" });
  await linkToken({ access_token });
  await linkToken({ access_token, update: { account_selection_enabled: true } });
  // An account opened at the bank since: not shared yet, so Plaid's answers go on without it.
  await server.post("/emulator/items/accounts/create", {
    item_id: exchanged.item_id,
    type: "credit",
    subtype: "credit card",
    name: "Conformance Card",
  });
  await call("/accounts/get", { access_token });
  await call("/transactions/sync", { access_token, cursor, count: 100 });

  const dynamic = await call("/sandbox/public_token/create", {
    institution_id: "ins_109511",
    initial_products: ["transactions"],
    options: { override_username: "user_transactions_dynamic" },
  });
  const dynamicItem = await call("/item/public_token/exchange", { public_token: dynamic.public_token });
  const today = new Date().toISOString().slice(0, 10);
  await call("/sandbox/transactions/create", {
    access_token: dynamicItem.access_token,
    transactions: [{ date_transacted: today, date_posted: today, amount: 12.34, description: "CONFORMANCE" }],
  });

  // Errors, each in Plaid's error object.
  await linkToken({ products: ["transactions"], redirect_uri: "http://app.example/oauth-return" });
  await call("/institutions/get_by_id", { ...us, institution_id: "ins_117650" });
  await call("/accounts/get", { access_token }, { "PLAID-CLIENT-ID": "", "PLAID-SECRET": "" });
  await call("/accounts/get", { access_token, options: { account_ids: ["no-such-account"] } });
  await call("/transactions/sync", { access_token, count: 0 });
  const checkingId = (liabilities.accounts as Array<{ account_id: string; subtype: string }>).find(
    (account) => account.subtype === "checking",
  )?.account_id;
  await call("/liabilities/get", { access_token, options: { account_ids: [checkingId] } });
  await call("/item/public_token/exchange", { public_token: created.public_token });
  await server.post("/emulator/faults", {
    endpoint: "/accounts/balance/get",
    error_code: "BALANCE_LIMIT",
    remaining: 1,
  });
  await call("/accounts/balance/get", { access_token });
  await call("/sandbox/item/reset_login", { access_token });
  await call("/accounts/get", { access_token });
  // An item in error: item.error and status.transactions.last_failed_update.
  await call("/item/get", { access_token });
  await call("/liabilities/get", { access_token });
  // Revoked access: the item's calls fail with Plaid's codes for it.
  await call("/sandbox/item/fire_webhook", { access_token, webhook_code: "USER_ACCOUNT_REVOKED" });
  await call("/transactions/sync", { access_token, cursor, count: 100 });
  await call("/sandbox/item/fire_webhook", { access_token, webhook_code: "USER_PERMISSION_REVOKED" });
  await call("/accounts/get", { access_token });
  await server.flushWebhooks();
  const sent = await server.emulator.store.query<{ payload: { webhook_type: string; webhook_code: string } }>(
    "SELECT payload FROM plaid_emulator.webhooks ORDER BY created_at",
  );
  for (const { payload } of sent) {
    answers.push({
      path: `webhook ${
        WEBHOOK_SCHEMAS[`${payload.webhook_type} ${payload.webhook_code}`] ??
        WEBHOOK_SCHEMAS[payload.webhook_code] ??
        payload.webhook_code
      }`,
      status: 200,
      body: payload,
    });
  }
  await call("/item/remove", { access_token: dynamicItem.access_token });
  await call("/item/get", { access_token: dynamicItem.access_token });
  return answers;
}
