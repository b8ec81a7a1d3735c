// The built app in emulator mode, as a Plaid client sees it: the official `plaid` package walks the
// whole sandbox flow against /api/plaid-emulator, and Plaid's errors come back in Plaid's shape.
import { expect, test } from "@playwright/test";
import { Configuration, CountryCode, PlaidApi, Products, type RemovedTransaction, type Transaction } from "plaid";
import { EMULATOR_CLIENT_ID, EMULATOR_KEYS, EMULATOR_SECRET } from "./support/emulator-keys";

function plaidFor(baseURL: string | undefined) {
  return new PlaidApi(
    new Configuration({
      basePath: `${baseURL}/api/plaid-emulator`,
      baseOptions: { headers: { "PLAID-CLIENT-ID": EMULATOR_CLIENT_ID, "PLAID-SECRET": EMULATOR_SECRET } },
    }),
  );
}

/** The failed call's HTTP status and Plaid error body. */
async function plaidError(call: Promise<unknown>) {
  const error = await call.then(
    () => null,
    (caught: { response?: { status: number; data: Record<string, unknown> } }) => caught,
  );
  expect(error?.response, "the call should have failed with a Plaid error").toBeTruthy();
  return { status: error?.response?.status, body: error?.response?.data ?? {} };
}

/** Every page of /transactions/sync from `cursor`; the set a client ends with, and the next cursor. */
async function syncAll(plaid: PlaidApi, accessToken: string, cursor: string | undefined, count: number) {
  const live = new Map<string, Transaction>();
  let next = cursor;
  let pages = 0;
  for (;;) {
    const { data } = await plaid.transactionsSync({ access_token: accessToken, cursor: next, count });
    pages += 1;
    for (const transaction of [...data.added, ...data.modified]) live.set(transaction.transaction_id, transaction);
    for (const removed of data.removed as RemovedTransaction[]) live.delete(removed.transaction_id);
    expect(data.request_id).toMatch(/\w{6,}/);
    next = data.next_cursor;
    if (!data.has_more) return { live, cursor: next, pages };
  }
}

test("the official Plaid client walks the sandbox flow against the built app", async ({ baseURL }) => {
  test.setTimeout(120_000);
  const plaid = plaidFor(baseURL);

  const { data: link } = await plaid.linkTokenCreate({
    client_name: "Mingus e2e",
    language: "en",
    country_codes: [CountryCode.Us],
    user: { client_user_id: "e2e-user" },
    products: [Products.Transactions],
  });
  expect(link.link_token).toMatch(/^link-sandbox-/);

  const { data: created } = await plaid.sandboxPublicTokenCreate({
    institution_id: "ins_109508",
    initial_products: [Products.Transactions],
  });
  const { data: exchanged } = await plaid.itemPublicTokenExchange({ public_token: created.public_token });
  const accessToken = exchanged.access_token;
  expect(accessToken).toMatch(/^access-sandbox-/);

  const { data: item } = await plaid.itemGet({ access_token: accessToken });
  expect(item.item).toMatchObject({ item_id: exchanged.item_id, institution_id: "ins_109508", error: null });

  const { data: institution } = await plaid.institutionsGetById({
    institution_id: "ins_109508",
    country_codes: [CountryCode.Us],
    options: { include_optional_metadata: true },
  });
  expect(institution.institution).toMatchObject({ name: "First Platypus Bank", primary_color: expect.any(String) });
  expect(institution.institution.logo).toMatch(/^iVBORw0KGgo/);

  const { data: accounts } = await plaid.accountsGet({ access_token: accessToken });
  expect(accounts.accounts.map((account) => account.mask)).toEqual([
    "0000",
    "1111",
    "2222",
    "3333",
    "4444",
    "5555",
    "6666",
    "7777",
    "8888",
  ]);

  // Paging: two page sizes give the same set, with no duplicates.
  const big = await syncAll(plaid, accessToken, undefined, 500);
  const small = await syncAll(plaid, accessToken, undefined, 137);
  expect(big.live.size).toBeGreaterThan(1000);
  expect([...small.live.keys()].sort()).toEqual([...big.live.keys()].sort());
  expect(small.pages).toBeGreaterThan(big.pages);

  // A refresh posts the pending transactions: each posted one names the pending one it replaces.
  const pending = [...big.live.values()].filter((transaction) => transaction.pending);
  expect(pending.length).toBeGreaterThan(0);
  await plaid.transactionsRefresh({ access_token: accessToken });
  const after = await syncAll(plaid, accessToken, big.cursor, 500);
  const posted = [...after.live.values()].filter((transaction) => transaction.pending_transaction_id);
  expect(posted.map((transaction) => transaction.pending_transaction_id).sort()).toEqual(
    pending.map((transaction) => transaction.transaction_id).sort(),
  );

  // The bank asks for the login again: item calls fail with ITEM_LOGIN_REQUIRED, in Plaid's shape.
  await plaid.sandboxItemResetLogin({ access_token: accessToken });
  const login = await plaidError(plaid.accountsGet({ access_token: accessToken }));
  expect(login.status).toBe(400);
  expect(login.body).toMatchObject({
    error_type: "ITEM_ERROR",
    error_code: "ITEM_LOGIN_REQUIRED",
    error_message: expect.any(String),
    // Plaid's own ITEM_LOGIN_REQUIRED carries no display message; the app shows "Reconnect" instead.
    display_message: null,
    request_id: expect.any(String),
  });

  await plaid.itemRemove({ access_token: accessToken });
  const removed = await plaidError(plaid.itemGet({ access_token: accessToken }));
  expect(removed.body).toMatchObject({ error_code: "ITEM_NOT_FOUND" });
});

test("the emulator refuses missing keys, bad tokens and bad bodies as Plaid does", async ({ baseURL, request }) => {
  const plaid = plaidFor(baseURL);
  const unknown = await plaidError(
    plaid.itemGet({ access_token: "access-sandbox-00000000-0000-0000-0000-000000000000" }),
  );
  expect(unknown).toMatchObject({ status: 400, body: { error_code: "INVALID_ACCESS_TOKEN" } });

  const noKeys = await request.post(`${baseURL}/api/plaid-emulator/item/get`, {
    data: { access_token: "access-sandbox-x" },
  });
  expect(noKeys.status()).toBe(400);
  expect(await noKeys.json()).toMatchObject({ error_type: "INVALID_INPUT", error_code: "INVALID_API_KEYS" });

  const notJson = await request.post(`${baseURL}/api/plaid-emulator/item/get`, {
    headers: { "Content-Type": "application/json", "PLAID-CLIENT-ID": "a", "PLAID-SECRET": "b" },
    data: "{not json",
  });
  expect(await notJson.json()).toMatchObject({ error_code: "INVALID_BODY" });

  const spent = await plaidError(plaid.itemPublicTokenExchange({ public_token: "public-sandbox-unknown" }));
  expect(spent.body).toMatchObject({ error_code: "INVALID_PUBLIC_TOKEN" });
});

test("the served emulator takes its own key pair only, JSON only, and sends webhooks only to the app", async ({
  request,
}) => {
  const itemsList = "/api/plaid-emulator/emulator/items/list";
  // No keys, a made-up pair (which passed before), the right id with a wrong secret: anyone's items stay closed.
  for (const keys of [
    {},
    { client_id: "anyone", secret: "anything" },
    { ...EMULATOR_KEYS, secret: "not-the-secret" },
  ]) {
    const refused = await request.post(itemsList, { data: { ...keys, client_user_id: "someone" } });
    expect(refused.status()).toBe(400);
    expect(await refused.json()).toMatchObject({ error_code: "INVALID_API_KEYS" });
  }
  // What a page on any origin may send without a CORS preflight.
  const plain = await request.post(itemsList, {
    headers: { "Content-Type": "text/plain; x=application/json" },
    data: JSON.stringify({ ...EMULATOR_KEYS, client_user_id: "someone" }),
  });
  expect(plain.status()).toBe(400);
  expect(await plain.json()).toMatchObject({ error_code: "INVALID_BODY" });
  const allowed = await request.post(itemsList, { data: { ...EMULATOR_KEYS, client_user_id: "someone" } });
  expect(allowed.status()).toBe(200);

  // A webhook on another host (loopback on another port here) is refused where it is given.
  const elsewhere = await request.post("/api/plaid-emulator/sandbox/public_token/create", {
    data: {
      ...EMULATOR_KEYS,
      institution_id: "ins_109508",
      initial_products: ["transactions"],
      options: { webhook: "http://127.0.0.1:9/hook" },
    },
  });
  expect(elsewhere.status()).toBe(400);
  expect(await elsewhere.json()).toMatchObject({ error_code: "INVALID_FIELD" });
});
