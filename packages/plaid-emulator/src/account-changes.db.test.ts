// Changing an item's accounts from a test, over HTTP with the official `plaid` client: Plaid's
// /sandbox/transactions/create, and the emulator's hooks by item id (/emulator/items/transactions/create,
// /emulator/items/accounts/set_balance). What they add comes back from /transactions/sync and
// /transactions/get, balances move by the amounts, and the item's webhook hears SYNC_UPDATES_AVAILABLE.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { AccountBase, CustomSandboxTransaction, PlaidApi, Transaction } from "plaid";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { missingKeys, RESPONSE_KEYS } from "./response-keys.ts";
import { readItem } from "./test-support/read-state.ts";
import { testStore } from "./test-support/test-store.ts";
import { type EmulatorServer, linkSandboxItem, plaidFailure, startEmulatorServer } from "./testing.ts";

// A fixed clock, so "today" and "14 days back" cannot move under a test running across midnight.
const NOW = new Date("2026-11-24T15:00:00Z");
const TODAY = "2026-11-24";

let server: EmulatorServer;
let receiver: Server;
let receiverUrl: string;
const received: Array<Record<string, unknown>> = [];

beforeAll(async () => {
  server = await startEmulatorServer({ store: testStore(), clock: () => NOW });
  receiver = createServer(async (request, response) => {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    received.push(JSON.parse(Buffer.concat(chunks).toString("utf8")) as Record<string, unknown>);
    response.writeHead(200).end();
  });
  await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
  receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
});

beforeEach(async () => {
  await server.flushWebhooks();
  received.length = 0;
});

afterAll(async () => {
  await server.flushWebhooks();
  await server.close();
  receiver.closeAllConnections();
  await new Promise((resolve) => receiver.close(resolve));
});

/** A linked item with a webhook, its initial SYNC_UPDATES_AVAILABLE already delivered and forgotten. */
async function linkItem(username = "user_transactions_dynamic") {
  const linked = await linkSandboxItem(server.api, { override_username: username, webhook: receiverUrl });
  await server.flushWebhooks();
  received.length = 0;
  return linked;
}

/** Pages /transactions/sync to the end; the cursor to ask for what comes next. */
async function syncToEnd(api: PlaidApi, access_token: string, cursor?: string) {
  const added: Transaction[] = [];
  let accounts: AccountBase[] = [];
  for (;;) {
    const { data } = await api.transactionsSync({ access_token, cursor, count: 500 });
    added.push(...data.added);
    accounts = data.accounts;
    cursor = data.next_cursor;
    if (!data.has_more) return { added, accounts, cursor };
  }
}

async function accountsOf(access_token: string) {
  const { data } = await server.api.accountsGet({ access_token });
  const bySubtype = (subtype: string) => data.accounts.find((account) => account.subtype === subtype) as AccountBase;
  return { checking: bySubtype("checking"), card: bySubtype("credit card"), all: data.accounts };
}

async function deliveredCodes(itemId: string) {
  await server.flushWebhooks();
  return received.filter((payload) => payload.item_id === itemId).map((payload) => payload.webhook_code);
}

const cents = (value: number) => Math.round(value * 100) / 100;

async function logLength(itemId: string) {
  const item = await readItem(itemId);
  return { seq: item.transactionsSeq, accounts: item.accounts };
}

describe("/sandbox/transactions/create", () => {
  it("adds posted transactions to the first checking account, moves its balances and tells the webhook", async () => {
    const { access_token, item_id } = await linkItem();
    const { cursor, added: history } = await syncToEnd(server.api, access_token);
    const before = await accountsOf(access_token);

    const transactions: CustomSandboxTransaction[] = [
      { date_transacted: "2026-11-20", date_posted: "2026-11-22", amount: 1234.56, description: "ACME HARDWARE 42" },
      { date_transacted: TODAY, date_posted: TODAY, amount: -20.5, description: "Starbucks", iso_currency_code: "USD" },
    ];
    const { data } = await server.api.sandboxTransactionsCreate({ access_token, transactions });
    expect(Object.keys(data)).toEqual(["request_id"]);

    const next = await syncToEnd(server.api, access_token, cursor);
    expect(next.added).toHaveLength(2);
    const [charge, refund] = [...next.added].sort((a, b) => b.amount - a.amount) as [Transaction, Transaction];
    // The same keys as the sandbox's own transactions, and every one Plaid requires.
    expect(Object.keys(charge).sort()).toEqual(Object.keys(history[0] as Transaction).sort());
    expect(missingKeys(charge, RESPONSE_KEYS.Transaction)).toEqual([]);
    expect(charge).toMatchObject({
      account_id: before.checking.account_id,
      amount: 1234.56,
      name: "ACME HARDWARE 42",
      merchant_name: null,
      date: "2026-11-22",
      authorized_date: "2026-11-20",
      pending: false,
      pending_transaction_id: null,
      iso_currency_code: "USD",
      personal_finance_category: { primary: "GENERAL_MERCHANDISE", confidence_level: "LOW" },
    });
    expect(charge.transaction_id).toMatch(/^[A-Za-z0-9]{37}$/);
    // A statement text the sandbox knows is enriched as the sandbox's own.
    expect(refund).toMatchObject({ amount: -20.5, name: "Starbucks", merchant_name: "Starbucks", date: TODAY });
    expect(refund.website).toBe("starbucks.com");

    const after = await accountsOf(access_token);
    const net = 1234.56 - 20.5;
    expect(after.checking.balances.current).toBe(cents((before.checking.balances.current ?? 0) - net));
    expect(after.checking.balances.available).toBe(cents((before.checking.balances.available ?? 0) - net));
    expect(after.all.filter((account) => account.subtype !== "checking")).toEqual(
      before.all.filter((account) => account.subtype !== "checking"),
    );
    // /transactions/sync reports the same balances.
    expect(next.accounts.find((account) => account.account_id === before.checking.account_id)?.balances).toEqual(
      after.checking.balances,
    );

    const got = await server.api.transactionsGet({ access_token, start_date: "2026-11-22", end_date: TODAY });
    const ids = got.data.transactions.map((transaction) => transaction.transaction_id);
    expect(ids).toEqual(expect.arrayContaining([charge.transaction_id, refund.transaction_id]));

    expect(await deliveredCodes(item_id)).toEqual(["SYNC_UPDATES_AVAILABLE"]);
  });

  it("refuses an item not made with user_transactions_dynamic, changing nothing", async () => {
    const { access_token, item_id } = await linkItem("user_good");
    const before = await logLength(item_id);
    const refused = await plaidFailure(
      server.api.sandboxTransactionsCreate({
        access_token,
        transactions: [{ date_transacted: TODAY, date_posted: TODAY, amount: 5, description: "COFFEE" }],
      }),
    );
    expect(refused.status).toBe(400);
    expect(missingKeys(refused.body, RESPONSE_KEYS.PlaidError)).toEqual([]);
    expect(refused.body).toMatchObject({ error_type: "INVALID_REQUEST", error_code: "INVALID_FIELD" });
    expect(String(refused.body.error_message)).toContain("user_transactions_dynamic");
    expect(await logLength(item_id)).toEqual(before);
    expect(await deliveredCodes(item_id)).toEqual([]);
  });

  it("answers bad transactions with Plaid's INVALID_FIELD or MISSING_FIELDS, changing nothing", async () => {
    const { access_token, item_id } = await linkItem();
    const before = await logLength(item_id);
    const good = { date_transacted: TODAY, date_posted: TODAY, amount: 10, description: "SHOP" };
    const cases: Array<[string, unknown[], string, string]> = [
      ["none", [], "INVALID_FIELD", "transactions"],
      ["eleven", Array.from({ length: 11 }, () => good), "INVALID_FIELD", "transactions"],
      ["zero amount", [{ ...good, amount: 0 }], "INVALID_FIELD", "transactions[0].amount"],
      ["three decimals", [good, { ...good, amount: 1.234 }], "INVALID_FIELD", "transactions[1].amount"],
      ["amount as text", [{ ...good, amount: "10" }], "INVALID_FIELD", "transactions[0].amount"],
      ["empty description", [{ ...good, description: "  " }], "INVALID_FIELD", "transactions[0].description"],
      ["no description", [{ ...good, description: undefined }], "MISSING_FIELDS", "transactions[0].description"],
      ["bad date", [{ ...good, date_posted: "2026-13-01" }], "INVALID_FIELD", "transactions[0].date_posted"],
      ["future date", [{ ...good, date_posted: "2026-11-25" }], "INVALID_FIELD", "transactions[0].date_posted"],
      ["too old", [{ ...good, date_transacted: "2026-11-09" }], "INVALID_FIELD", "transactions[0].date_transacted"],
      [
        "posted first",
        [{ ...good, date_transacted: TODAY, date_posted: "2026-11-23" }],
        "INVALID_FIELD",
        "date_posted",
      ],
      ["currency", [{ ...good, iso_currency_code: "usd" }], "INVALID_FIELD", "transactions[0].iso_currency_code"],
    ];
    for (const [label, transactions, code, field] of cases) {
      const answer = await server.post("/sandbox/transactions/create", { access_token, transactions });
      expect(answer.status, label).toBe(400);
      expect(missingKeys(answer.body, RESPONSE_KEYS.PlaidError), label).toEqual([]);
      expect(answer.body, label).toMatchObject({ error_type: "INVALID_REQUEST", error_code: code });
      expect(String(answer.body.error_message), label).toContain(field);
    }
    // The oldest day Plaid allows is accepted: the bounds are where they should be.
    const edge = await server.post("/sandbox/transactions/create", {
      access_token,
      transactions: [{ ...good, date_transacted: "2026-11-10", date_posted: "2026-11-10" }],
    });
    expect(edge.status).toBe(200);
    expect((await logLength(item_id)).seq).toBe(before.seq + 1);
  });
});

describe("/emulator/items/transactions/create", () => {
  it("adds transactions to any item by id, to the account asked for, with a merchant and category", async () => {
    const { access_token, item_id } = await linkItem("user_good");
    const { cursor } = await syncToEnd(server.api, access_token);
    const before = await accountsOf(access_token);
    // A test without the access token finds the card through the item list.
    const listed = await server.post("/emulator/items/list", {});
    const mine = (listed.body.items as Array<{ item_id: string; accounts: AccountBase[] }>).find(
      (item) => item.item_id === item_id,
    );
    const card = mine?.accounts.find((account) => account.name === "Plaid Credit Card");
    expect(card).toEqual({
      account_id: before.card.account_id,
      name: "Plaid Credit Card",
      mask: "3333",
      type: "credit",
      subtype: "credit card",
      balances: before.card.balances,
      shared: true,
    });

    const created = await server.post("/emulator/items/transactions/create", {
      item_id,
      account_id: card?.account_id,
      transactions: [
        {
          amount: 899.99,
          description: "ACME OUTFITTERS #7",
          merchant_name: "Acme Outfitters",
          category: "GENERAL_MERCHANDISE_SPORTING_GOODS",
          date: "2026-11-23",
        },
        { amount: -100, description: "CARD PAYMENT RECEIVED" },
      ],
    });
    expect(created.status).toBe(200);
    const { account, transactions } = created.body as { account: AccountBase; transactions: Transaction[] };
    expect(transactions).toHaveLength(2);

    const next = await syncToEnd(server.api, access_token, cursor);
    expect(next.added.map((transaction) => transaction.transaction_id).sort()).toEqual(
      transactions.map((transaction) => transaction.transaction_id).sort(),
    );
    const purchase = next.added.find((transaction) => transaction.amount === 899.99);
    expect(purchase).toMatchObject({
      account_id: before.card.account_id,
      name: "ACME OUTFITTERS #7",
      merchant_name: "Acme Outfitters",
      date: "2026-11-23",
      authorized_date: "2026-11-23",
      pending: false,
      personal_finance_category: { primary: "GENERAL_MERCHANDISE", detailed: "GENERAL_MERCHANDISE_SPORTING_GOODS" },
      counterparties: [expect.objectContaining({ name: "Acme Outfitters", type: "merchant" })],
    });
    const payment = next.added.find((transaction) => transaction.amount === -100);
    expect(payment).toMatchObject({ date: TODAY, merchant_name: null, pending: false });

    // What is owed on the card rises with the charge and falls with the payment; no available balance.
    const after = await accountsOf(access_token);
    expect(after.card.balances.current).toBe(cents((before.card.balances.current ?? 0) + 899.99 - 100));
    expect(after.card.balances.available).toBeNull();
    expect(account.balances).toEqual(after.card.balances);
    expect(after.checking).toEqual(before.checking);
    expect(await deliveredCodes(item_id)).toEqual(["SYNC_UPDATES_AVAILABLE"]);
  });

  it("adds a pending transaction, which moves only the available balance", async () => {
    const { access_token, item_id } = await linkItem("user_good");
    const before = await accountsOf(access_token);
    const created = await server.post("/emulator/items/transactions/create", {
      item_id,
      transactions: [{ amount: 40, description: "PENDING PURCHASE", pending: true }],
    });
    expect((created.body.transactions as Transaction[])[0]).toMatchObject({
      account_id: before.checking.account_id,
      pending: true,
    });
    const after = await accountsOf(access_token);
    expect(after.checking.balances.current).toBe(before.checking.balances.current);
    expect(after.checking.balances.available).toBe(cents((before.checking.balances.available ?? 0) - 40));
  });

  it("refuses unknown items and accounts and bad fields with Plaid's errors", async () => {
    const { item_id } = await linkItem("user_good");
    const before = await logLength(item_id);
    const one = [{ amount: 5, description: "X" }];
    const post = (body: object) => server.post("/emulator/items/transactions/create", body);
    expect((await post({ item_id: "nope", transactions: one })).body).toMatchObject({ error_code: "ITEM_NOT_FOUND" });
    expect((await post({ item_id, account_id: "nope", transactions: one })).body).toMatchObject({
      error_type: "INVALID_INPUT",
      error_code: "INVALID_ACCOUNT_ID",
    });
    const badCategory = await post({ item_id, transactions: [{ ...one[0], category: "SHOPPING" }] });
    expect(badCategory.body).toMatchObject({ error_code: "INVALID_FIELD" });
    expect(String(badCategory.body.error_message)).toContain("transactions[0].category");
    const future = await post({ item_id, transactions: [{ ...one[0], date: "2026-11-25" }] });
    expect(String(future.body.error_message)).toContain("transactions[0].date");
    const keyless = await server.post(
      "/emulator/items/transactions/create",
      { item_id, transactions: one },
      { headers: { "PLAID-CLIENT-ID": "", "PLAID-SECRET": "" } },
    );
    expect(keyless.body).toMatchObject({ error_code: "INVALID_API_KEYS" });
    expect((await logLength(item_id)).seq).toBe(before.seq);
  });
});

describe("/emulator/items/accounts/set_balance", () => {
  it("sets balances without a transaction, telling the webhook unless asked not to", async () => {
    const { access_token, item_id } = await linkItem("user_good");
    const { checking, card } = await accountsOf(access_token);
    const before = await logLength(item_id);

    const set = await server.post("/emulator/items/accounts/set_balance", {
      item_id,
      account_id: checking.account_id,
      current: 12.34,
      available: -5,
    });
    expect(set.status).toBe(200);
    expect(set.body.account).toMatchObject({
      account_id: checking.account_id,
      balances: { current: 12.34, available: -5 },
    });
    const after = await accountsOf(access_token);
    expect(after.checking.balances).toMatchObject({ current: 12.34, available: -5, limit: null });
    expect(after.card).toEqual(card);
    expect((await logLength(item_id)).seq).toBe(before.seq);
    expect(await deliveredCodes(item_id)).toEqual(["SYNC_UPDATES_AVAILABLE"]);

    received.length = 0;
    await server.post("/emulator/items/accounts/set_balance", {
      item_id,
      account_id: card.account_id,
      current: 1999,
      fire_webhook: false,
    });
    expect((await accountsOf(access_token)).card.balances).toMatchObject({ current: 1999, available: null });
    expect(await deliveredCodes(item_id)).toEqual([]);

    const empty = await server.post("/emulator/items/accounts/set_balance", { item_id, account_id: card.account_id });
    expect(empty.body).toMatchObject({ error_code: "INVALID_FIELD" });
    const unknown = await server.post("/emulator/items/accounts/set_balance", { item_id, account_id: "x", current: 1 });
    expect(unknown.body).toMatchObject({ error_code: "INVALID_ACCOUNT_ID" });
  });
});
