// The calls a conformance run makes: Plaid's whole sandbox flow on one item and a dynamic one, each
// answer kept raw (status and JSON body) with the path it came from, including the errors Plaid
// documents for them (bad keys, a broken item, a bad field, a removed item, a throttled call).
import type { EmulatorServer, RawAnswer } from "../testing.ts";

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
  // Nothing listens on port 1: webhooks are signed, sent and recorded as failed.
  const webhook = "http://127.0.0.1:1/webhook";

  await call("/institutions/get_by_id", {
    ...us,
    institution_id: "ins_109508",
    options: { include_optional_metadata: true },
  });
  await call("/institutions/search", { ...us, query: "bank", products: ["transactions"] });
  const linkTokenRequest = {
    ...us,
    client_name: "Conformance",
    language: "en",
    user: { client_user_id: "conformance-user" },
    products: ["transactions"],
  };
  await call("/link/token/create", { ...linkTokenRequest, webhook });
  // OAuth and Europe: a redirect_uri, several countries, another language, and the OAuth banks.
  await call("/link/token/create", {
    ...linkTokenRequest,
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
  await call("/sandbox/item/fire_webhook", { access_token, webhook_code: "DEFAULT_UPDATE" });
  await server.flushWebhooks();
  const [key] = await server.emulator.store.query<{ kid: string }>("SELECT kid FROM plaid_emulator.keys LIMIT 1");
  await call("/webhook_verification_key/get", { key_id: key?.kid ?? "none" });
  await call("/link/token/create", {
    ...us,
    client_name: "Conformance",
    language: "en",
    user: { client_user_id: "conformance-user" },
    access_token,
  });

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
  await call("/link/token/create", { ...linkTokenRequest, redirect_uri: "http://app.example/oauth-return" });
  await call("/institutions/get_by_id", { ...us, institution_id: "ins_117650" });
  await call("/accounts/get", { access_token }, { "PLAID-CLIENT-ID": "", "PLAID-SECRET": "" });
  await call("/accounts/get", { access_token, options: { account_ids: ["no-such-account"] } });
  await call("/transactions/sync", { access_token, count: 0 });
  await call("/item/public_token/exchange", { public_token: created.public_token });
  await server.post("/emulator/faults", {
    endpoint: "/accounts/balance/get",
    error_code: "BALANCE_LIMIT",
    remaining: 1,
  });
  await call("/accounts/balance/get", { access_token });
  await call("/sandbox/item/reset_login", { access_token });
  await call("/accounts/get", { access_token });
  await call("/item/remove", { access_token: dynamicItem.access_token });
  await call("/item/get", { access_token: dynamicItem.access_token });
  return answers;
}
