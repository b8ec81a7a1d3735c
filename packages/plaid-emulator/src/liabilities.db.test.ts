// Liabilities through the official plaid client: optional_products at Link, /liabilities/get and its
// errors (PRODUCTS_NOT_SUPPORTED, NO_LIABILITY_ACCOUNTS, ITEM_LOGIN_REQUIRED, injected faults), and the
// payment hook that moves the figures and sends LIABILITIES DEFAULT_UPDATE.
import { CountryCode, Products } from "plaid";
import { describe, expect, it } from "vitest";
import { missingKeys } from "./response-keys.ts";
import { readEvents, readItem, readWebhooks } from "./test-support/read-state.ts";
import { testStore, useEmulatorServer } from "./test-support/test-store.ts";
import { plaidFailure } from "./testing.ts";
import { loadLiveLedger, loadLiveTransactions } from "./transactions-log.ts";

const server = useEmulatorServer();
const webhook = "http://127.0.0.1:1/hook";

async function linkWith(institution_id: string, initial_products: Products[]) {
  const { data } = await server.api.sandboxPublicTokenCreate({
    institution_id,
    initial_products,
    options: { webhook },
  });
  return (await server.api.itemPublicTokenExchange({ public_token: data.public_token })).data;
}

/** Links through the Link stand-in with these products and optional products; the new item's id. */
async function linkThroughLink(institution_id: string, optional_products: Products[]) {
  const { data } = await server.api.linkTokenCreate({
    client_name: "Test",
    language: "en",
    country_codes: [CountryCode.Us],
    user: { client_user_id: `user-${institution_id}` },
    products: [Products.Transactions],
    optional_products,
  });
  const session = await server.post("/link/session", { link_token: data.link_token });
  const login = await server.post("/link/login", {
    link_token: data.link_token,
    link_session_id: session.body.link_session_id,
    institution_id,
    username: "user_good",
    password: "pass_good",
  });
  expect(login.status).toBe(200);
  const exchanged = await server.api.itemPublicTokenExchange({ public_token: String(login.body.public_token) });
  return exchanged.data;
}

describe("liabilities", () => {
  it("gives an item Liabilities as an optional product only where its bank offers it", async () => {
    const platypus = await linkThroughLink("ins_109508", [Products.Liabilities]);
    expect((await readItem(platypus.item_id)).products).toEqual(["transactions", "liabilities"]);
    const houndstooth = await linkThroughLink("ins_109512", [Products.Liabilities]);
    expect((await readItem(houndstooth.item_id)).products).toEqual(["transactions"]);
    const refused = await server.post("/link/token/create", {
      client_name: "Test",
      language: "en",
      country_codes: ["US"],
      user: { client_user_id: "both" },
      products: ["transactions", "liabilities"],
      optional_products: ["liabilities"],
    });
    expect(refused.body).toMatchObject({ error_code: "INVALID_FIELD" });
  });

  it("answers /liabilities/get for the card, the student loan and the mortgage", async () => {
    const { access_token } = await linkWith("ins_109508", [Products.Transactions, Products.Liabilities]);
    const { data } = await server.api.liabilitiesGet({ access_token });
    expect(missingKeys(data, ["accounts", "item", "liabilities", "request_id"])).toEqual([]);
    const subtypeOf = (id: string | null) => data.accounts.find((account) => account.account_id === id)?.subtype;
    expect(data.liabilities.credit?.map((card) => subtypeOf(card.account_id))).toEqual(["credit card"]);
    expect(data.liabilities.student?.map((loan) => subtypeOf(loan.account_id))).toEqual(["student"]);
    expect(data.liabilities.mortgage?.map((loan) => subtypeOf(loan.account_id))).toEqual(["mortgage"]);
    const today = new Date().toISOString().slice(0, 10);
    expect(data.liabilities.credit?.[0]?.next_payment_due_date?.localeCompare(today)).toBeGreaterThanOrEqual(0);
    expect(data.item.products).toContain("liabilities");

    const card = data.liabilities.credit?.[0]?.account_id as string;
    const only = await server.api.liabilitiesGet({ access_token, options: { account_ids: [card] } });
    expect(only.data.liabilities).toMatchObject({ student: null, mortgage: null });
    expect(only.data.liabilities.credit).toEqual(data.liabilities.credit);
    // The hook reads the same figures by item id.
    const hook = await server.post("/emulator/items/liabilities/get", { item_id: data.item.item_id });
    expect(hook.body.liabilities).toEqual(JSON.parse(JSON.stringify(data.liabilities)));
  });

  it("reads the ledger's fields of the live transactions as the whole payloads hold them, in the same order", async () => {
    const { access_token, item_id } = await linkWith("ins_109508", [Products.Transactions, Products.Liabilities]);
    const card = (await server.api.liabilitiesGet({ access_token })).data.liabilities.credit?.[0]?.account_id;
    // Pending transactions post (removed, and added again as posted) and a payment arrives: the live
    // set is what is left of a log with removals.
    await server.api.transactionsRefresh({ access_token });
    const paid = await server.post("/emulator/items/liabilities/update", {
      item_id,
      account_id: card,
      payment_amount: 12.5,
    });
    expect(paid.status).toBe(200);
    expect((await readEvents(item_id)).map((event) => event.kind)).toContain("removed");

    const whole = await loadLiveTransactions(testStore(), item_id);
    expect(whole.length).toBeGreaterThan(100);
    expect(await loadLiveLedger(testStore(), item_id)).toEqual(
      whole.map((transaction) => ({
        account_id: transaction.account_id,
        pending: transaction.pending,
        date: transaction.date,
        amount: transaction.amount,
        personal_finance_category: transaction.personal_finance_category
          ? {
              primary: transaction.personal_finance_category.primary,
              detailed: transaction.personal_finance_category.detailed,
            }
          : null,
      })),
    );
  });

  it("refuses as Plaid does: no liability accounts, a bank without the product, a login to repair", async () => {
    const { access_token } = await linkWith("ins_109508", [Products.Transactions]);
    const accounts = (await server.api.accountsGet({ access_token })).data.accounts;
    const checking = accounts.find((account) => account.subtype === "checking")?.account_id as string;
    const none = await plaidFailure(server.api.liabilitiesGet({ access_token, options: { account_ids: [checking] } }));
    expect(none).toMatchObject({
      status: 400,
      body: { error_type: "ITEM_ERROR", error_code: "NO_LIABILITY_ACCOUNTS" },
    });
    // Linked without it, the item gains Liabilities at its first call, as Plaid adds a product.
    await server.api.liabilitiesGet({ access_token });
    expect((await server.api.itemGet({ access_token })).data.item.products).toContain("liabilities");

    const houndstooth = await linkWith("ins_109512", [Products.Transactions]);
    const unsupported = await plaidFailure(server.api.liabilitiesGet({ access_token: houndstooth.access_token }));
    expect(unsupported.body).toMatchObject({ error_type: "ITEM_ERROR", error_code: "PRODUCTS_NOT_SUPPORTED" });

    await server.api.sandboxItemResetLogin({ access_token });
    const login = await plaidFailure(server.api.liabilitiesGet({ access_token }));
    expect(login.body).toMatchObject({ error_code: "ITEM_LOGIN_REQUIRED" });
  });

  it("fails by injection like any Plaid endpoint", async () => {
    const { access_token, item_id } = await linkWith("ins_109508", [Products.Liabilities]);
    await server.post("/emulator/faults", { item_id, endpoint: "/liabilities/get", error_code: "PRODUCT_NOT_READY" });
    const failed = await plaidFailure(server.api.liabilitiesGet({ access_token }));
    expect(failed.body).toMatchObject({ error_code: "PRODUCT_NOT_READY" });
  });

  it("records a payment: the balance and last payment move, and DEFAULT_UPDATE names what changed", async () => {
    const { access_token, item_id } = await linkWith("ins_109508", [Products.Transactions, Products.Liabilities]);
    const before = (await server.api.liabilitiesGet({ access_token })).data;
    const card = before.liabilities.credit?.[0];
    const cardId = card?.account_id as string;
    const balanceBefore = before.accounts.find((account) => account.account_id === cardId)?.balances.current ?? 0;

    const paid = await server.post("/emulator/items/liabilities/update", {
      item_id,
      account_id: cardId,
      payment_amount: 123.45,
    });
    expect(paid.status).toBe(200);
    const after = (await server.api.liabilitiesGet({ access_token })).data;
    const today = new Date().toISOString().slice(0, 10);
    expect(after.liabilities.credit?.[0]).toMatchObject({ last_payment_amount: 123.45, last_payment_date: today });
    expect(after.accounts.find((account) => account.account_id === cardId)?.balances.current).toBeCloseTo(
      balanceBefore - 123.45,
      2,
    );
    await server.flushWebhooks();
    const sent = (await readWebhooks(item_id)).map((delivery) => delivery.payload);
    expect(sent.at(-1)).toEqual({
      webhook_type: "LIABILITIES",
      webhook_code: "DEFAULT_UPDATE",
      item_id,
      error: null,
      account_ids_with_new_liabilities: [],
      account_ids_with_updated_liabilities: { [cardId]: ["last_payment_amount", "last_payment_date"] },
      environment: "sandbox",
    });
    // The minimum due by default; a checking account has no liabilities.
    const minimum = await server.post("/emulator/items/liabilities/update", { item_id, account_id: cardId });
    expect(
      (minimum.body.liabilities as { credit: [{ last_payment_amount: number }] }).credit[0].last_payment_amount,
    ).toBe(card?.minimum_payment_amount);
    const checking = before.accounts.find((account) => account.subtype === "checking")?.account_id;
    const refused = await server.post("/emulator/items/liabilities/update", { item_id, account_id: checking });
    expect(refused.body).toMatchObject({ error_code: "NO_LIABILITY_ACCOUNTS" });
  });
});
