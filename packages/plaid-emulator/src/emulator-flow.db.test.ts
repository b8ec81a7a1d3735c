// The whole sandbox flow through the official `plaid` client, as Plaid's own sandbox would answer it:
// item creation, exchange, item/institution/account reads, sync, refresh, reset_login, update mode
// through the Link stand-in, removal. Every response is checked for Plaid's required keys.
import { CountryCode, Products } from "plaid";
import { describe, expect, it } from "vitest";
import { missingKeys, RESPONSE_KEYS } from "./response-keys.ts";
import { testStore, useEmulatorServer } from "./test-support/test-store.ts";
import { linkSandboxItem, plaidFailure, startEmulatorServer } from "./testing.ts";

const server = useEmulatorServer();

const linkItem = (options: { override_username?: string } = {}) => linkSandboxItem(server.api, options);

describe("the sandbox flow through the official plaid client", () => {
  it("creates, reads, syncs, breaks, repairs and removes an item", async () => {
    const created = await server.api.sandboxPublicTokenCreate({
      institution_id: "ins_109508",
      initial_products: [Products.Transactions],
    });
    expect(missingKeys(created.data, RESPONSE_KEYS.SandboxPublicTokenCreateResponse)).toEqual([]);
    expect(created.data.public_token).toMatch(/^public-sandbox-[0-9a-f-]{36}$/);

    const exchanged = await server.api.itemPublicTokenExchange({ public_token: created.data.public_token });
    expect(missingKeys(exchanged.data, RESPONSE_KEYS.ItemPublicTokenExchangeResponse)).toEqual([]);
    expect(exchanged.data.access_token).toMatch(/^access-sandbox-[0-9a-f-]{36}$/);
    expect(exchanged.data.request_id).toMatch(/^[A-Za-z0-9]{15}$/);
    const { access_token, item_id } = exchanged.data;

    const item = await server.api.itemGet({ access_token });
    expect(missingKeys(item.data, RESPONSE_KEYS.ItemGetResponse)).toEqual([]);
    expect(missingKeys(item.data.item, RESPONSE_KEYS.ItemWithConsentFields)).toEqual([]);
    expect(item.data.item).toMatchObject({
      item_id,
      institution_id: "ins_109508",
      institution_name: "First Platypus Bank",
      error: null,
      billed_products: ["transactions"],
    });

    const plain = await server.api.institutionsGetById({
      institution_id: "ins_109508",
      country_codes: [CountryCode.Us],
    });
    expect(missingKeys(plain.data.institution, RESPONSE_KEYS.Institution)).toEqual([]);
    expect(plain.data.institution).toMatchObject({
      name: "First Platypus Bank",
      logo: null,
      primary_color: null,
      url: null,
    });
    const rich = await server.api.institutionsGetById({
      institution_id: "ins_109508",
      country_codes: [CountryCode.Us],
      options: { include_optional_metadata: true },
    });
    expect(rich.data.institution.primary_color).toMatch(/^#[0-9a-f]{6}$/i);
    expect(
      Buffer.from(rich.data.institution.logo ?? "", "base64")
        .subarray(1, 4)
        .toString(),
    ).toBe("PNG");
    expect(rich.data.institution.url).toMatch(/^https:\/\//);

    const accounts = await server.api.accountsGet({ access_token });
    expect(missingKeys(accounts.data, RESPONSE_KEYS.AccountsGetResponse)).toEqual([]);
    expect(missingKeys(accounts.data.item, RESPONSE_KEYS.Item)).toEqual([]);
    expect(accounts.data.accounts.map((account) => `${account.name} ${account.mask}`)).toEqual([
      "Plaid Checking 0000",
      "Plaid Saving 1111",
      "Plaid CD 2222",
      "Plaid Credit Card 3333",
      "Plaid Money Market 4444",
      "Plaid IRA 5555",
      "Plaid 401k 6666",
      "Plaid Student Loan 7777",
      "Plaid Mortgage 8888",
    ]);
    for (const account of accounts.data.accounts) {
      expect(missingKeys(account, RESPONSE_KEYS.AccountBase)).toEqual([]);
      expect(missingKeys(account.balances, RESPONSE_KEYS.AccountBalance)).toEqual([]);
    }
    const balances = await server.api.accountsBalanceGet({ access_token });
    expect(balances.data.accounts.map((account) => account.account_id)).toEqual(
      accounts.data.accounts.map((account) => account.account_id),
    );

    const firstPage = await server.api.transactionsSync({ access_token, count: 500 });
    expect(missingKeys(firstPage.data, RESPONSE_KEYS.TransactionsSyncResponse)).toEqual([]);
    expect(firstPage.data).toMatchObject({ transactions_update_status: "HISTORICAL_UPDATE_COMPLETE", has_more: true });
    expect(firstPage.data.added).toHaveLength(500);
    for (const transaction of firstPage.data.added.slice(0, 20)) {
      expect(missingKeys(transaction, RESPONSE_KEYS.Transaction)).toEqual([]);
    }

    const reset = await server.api.sandboxItemResetLogin({ access_token });
    expect(missingKeys(reset.data, RESPONSE_KEYS.SandboxItemResetLoginResponse)).toEqual([]);
    const broken = await plaidFailure(server.api.transactionsSync({ access_token }));
    expect(broken.status).toBe(400);
    expect(missingKeys(broken.body, RESPONSE_KEYS.PlaidError)).toEqual([]);
    expect(broken.body).toMatchObject({ error_type: "ITEM_ERROR", error_code: "ITEM_LOGIN_REQUIRED" });
    expect((await plaidFailure(server.api.accountsGet({ access_token }))).body.error_code).toBe("ITEM_LOGIN_REQUIRED");
    const stillReadable = await server.api.itemGet({ access_token });
    expect(stillReadable.data.item.error).toMatchObject({ error_code: "ITEM_LOGIN_REQUIRED" });

    // Update mode through the Link stand-in repairs the item; the access token is unchanged.
    const linkToken = await server.api.linkTokenCreate({
      client_name: "Mingus",
      language: "en",
      country_codes: [CountryCode.Us],
      user: { client_user_id: "user-1" },
      access_token,
    });
    expect(missingKeys(linkToken.data, RESPONSE_KEYS.LinkTokenCreateResponse)).toEqual([]);
    const session = await server.post("/link/session", { link_token: linkToken.data.link_token });
    expect(session.body).toMatchObject({ mode: "update", institution: { institution_id: "ins_109508" } });
    const login = await server.post("/link/login", {
      link_token: linkToken.data.link_token,
      link_session_id: session.body.link_session_id,
      institution_id: "ins_109508",
      username: "user_good",
      password: "pass_good",
    });
    expect(login.status).toBe(200);
    expect((await server.api.accountsGet({ access_token })).data.item.error).toBeNull();

    const removed = await server.api.itemRemove({ access_token });
    expect(removed.data.request_id).toMatch(/^[A-Za-z0-9]{15}$/);
    const gone = await plaidFailure(server.api.itemGet({ access_token }));
    expect(gone).toMatchObject({ status: 400, body: { error_type: "ITEM_ERROR", error_code: "ITEM_NOT_FOUND" } });
    expect((await plaidFailure(server.api.itemRemove({ access_token }))).body.error_code).toBe("ITEM_NOT_FOUND");
  });

  it("links through the Link stand-in, with Plaid's messages for a wrong password", async () => {
    const { data } = await server.api.linkTokenCreate({
      client_name: "Mingus",
      language: "en",
      country_codes: [CountryCode.Us],
      user: { client_user_id: "user-2" },
      products: [Products.Transactions],
      webhook: "http://127.0.0.1:9/webhook",
    });
    expect(data.link_token).toMatch(/^link-sandbox-[0-9a-f-]{36}$/);
    const expiresIn = Date.parse(data.expiration) - Date.now();
    expect(expiresIn).toBeGreaterThan(4 * 3600_000 - 60_000);
    expect(expiresIn).toBeLessThanOrEqual(4 * 3600_000);

    const session = await server.post("/link/session", { link_token: data.link_token });
    expect(session.body).toMatchObject({ mode: "create", institution: null });
    const search = await server.post("/link/institutions", { link_token: data.link_token, query: "first platypus" });
    expect(search.body.institutions).toEqual([expect.objectContaining({ institution_id: "ins_109508" })]);

    const login = (password: string) =>
      server.post("/link/login", {
        link_token: data.link_token,
        link_session_id: session.body.link_session_id,
        institution_id: "ins_109508",
        username: "user_good",
        password,
      });
    const wrong = await login("nope");
    expect(wrong.status).toBe(400);
    expect(wrong.body).toMatchObject({
      error_code: "INVALID_CREDENTIALS",
      display_message: "The provided credentials were not correct. Please try again.",
    });
    const locked = await login("error_ITEM_LOCKED");
    expect(locked.body).toMatchObject({ error_type: "ITEM_ERROR", error_code: "ITEM_LOCKED" });

    const good = await login("pass_good");
    expect(good.status).toBe(200);
    expect(good.body).toMatchObject({
      institution: { institution_id: "ins_109508", name: "First Platypus Bank" },
      link_session_id: session.body.link_session_id,
    });
    expect(good.body.accounts).toHaveLength(9);
    expect((good.body.accounts as object[])[0]).toEqual({
      id: expect.any(String),
      name: "Plaid Checking",
      mask: "0000",
      type: "depository",
      subtype: "checking",
      verification_status: null,
    });
    const exchanged = await server.api.itemPublicTokenExchange({ public_token: String(good.body.public_token) });
    const item = await server.api.itemGet({ access_token: exchanged.data.access_token });
    expect(item.data.item.webhook).toBe("http://127.0.0.1:9/webhook");

    // Test hooks for callers without the access token: the Link user's items, and reset_login by item id.
    const listed = await server.post("/emulator/items/list", { client_user_id: "user-2" });
    expect(listed.body.items).toEqual([
      expect.objectContaining({ item_id: exchanged.data.item_id, institution_id: "ins_109508", error_code: null }),
    ]);
    expect((await server.post("/emulator/items/list", { client_user_id: "nobody" })).body.items).toEqual([]);
    await server.post("/emulator/items/reset_login", { item_id: exchanged.data.item_id });
    const broken = await plaidFailure(server.api.accountsGet({ access_token: exchanged.data.access_token }));
    expect(broken.body.error_code).toBe("ITEM_LOGIN_REQUIRED");
  });

  it("keeps only hashes of tokens, and everything in the database", async () => {
    const { access_token, item_id } = await linkItem();
    const tables = ["items", "public_tokens", "link_tokens", "transactions", "webhooks", "faults", "keys"];
    for (const table of tables) {
      const [row] = await testStore().query<{ found: number }>(
        `SELECT count(*)::int AS found FROM plaid_emulator.${table} t WHERE t::text LIKE '%' || $1 || '%'`,
        [access_token],
      );
      expect(row?.found, table).toBe(0);
    }
    // A second emulator (a restarted app) answers from the same database.
    const restarted = await startEmulatorServer({ store: testStore() });
    try {
      const item = await restarted.api.itemGet({ access_token });
      expect(item.data.item.item_id).toBe(item_id);
    } finally {
      await restarted.close();
    }
  });
});
