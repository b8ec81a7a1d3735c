// Link's account selection and accounts opened after linking: the person shares some accounts when
// linking, a new account stays hidden until added in update mode (after NEW_ACCOUNTS_AVAILABLE), and
// an account shared later arrives through /transactions/sync with its history, past the cursor.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { CountryCode, Products } from "plaid";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { useEmulatorServer } from "./test-support/test-store.ts";
import { plaidFailure } from "./testing.ts";

const server = useEmulatorServer();

let receiver: Server;
let hookUrl: string;
const received: { webhook_type: string; webhook_code: string; item_id: string }[] = [];

beforeAll(async () => {
  receiver = createServer(async (request, response) => {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    received.push(JSON.parse(Buffer.concat(chunks).toString("utf8")));
    response.writeHead(200).end();
  });
  await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
  hookUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
});

afterAll(async () => {
  receiver.closeAllConnections();
  await new Promise((resolve) => receiver.close(resolve));
});

type Login = {
  public_token: string;
  accounts: { id: string; name: string; mask: string }[];
  selectable_accounts: { id: string; name: string; shared: boolean }[];
  link_session_id: string;
};

async function linkToken(options: { accessToken?: string; accountSelection?: boolean } = {}) {
  const { data } = await server.api.linkTokenCreate({
    client_name: "Mingus",
    language: "en",
    country_codes: [CountryCode.Us],
    user: { client_user_id: "person-1" },
    webhook: hookUrl,
    ...(options.accessToken
      ? {
          access_token: options.accessToken,
          ...(options.accountSelection ? { update: { account_selection_enabled: true } } : {}),
        }
      : { products: [Products.Transactions] }),
  });
  return data.link_token;
}

async function logIn(token: string) {
  const session = await server.post("/link/session", { link_token: token });
  const login = await server.post("/link/login", {
    link_token: token,
    link_session_id: session.body.link_session_id,
    institution_id: "ins_109508",
    username: "user_good",
    password: "pass_good",
  });
  expect(login.status).toBe(200);
  return { session: session.body, login: login.body as unknown as Login };
}

async function select(token: string, login: Login, accountIds: string[]) {
  return server.post("/link/accounts/select", {
    link_token: token,
    link_session_id: login.link_session_id,
    public_token: login.public_token,
    account_ids: accountIds,
  });
}

/** Links First Platypus Bank sharing only the named accounts; returns the access token and item id. */
async function linkSharing(names: string[]) {
  const token = await linkToken();
  const { session, login } = await logIn(token);
  expect(session.account_selection).toBe(true);
  const chosen = login.selectable_accounts.filter((account) => names.includes(account.name));
  const selected = await select(
    token,
    login,
    chosen.map((account) => account.id),
  );
  expect(selected.status).toBe(200);
  const { data } = await server.api.itemPublicTokenExchange({ public_token: String(selected.body.public_token) });
  return { ...data, selected: selected.body, login };
}

describe("account selection", () => {
  it("shares only the accounts ticked, everywhere Plaid answers", async () => {
    const { access_token, selected, login } = await linkSharing(["Plaid Checking", "Plaid Credit Card"]);
    expect((selected.accounts as { name: string }[]).map((account) => account.name)).toEqual([
      "Plaid Checking",
      "Plaid Credit Card",
    ]);
    // The login's own public token was used up by the selection.
    const stale = await plaidFailure(server.api.itemPublicTokenExchange({ public_token: login.public_token }));
    expect(stale.body.error_code).toBe("INVALID_PUBLIC_TOKEN");

    const accounts = await server.api.accountsGet({ access_token });
    expect(accounts.data.accounts.map((account) => account.name)).toEqual(["Plaid Checking", "Plaid Credit Card"]);
    const sync = await server.api.transactionsSync({ access_token, count: 500 });
    const ids = new Set(accounts.data.accounts.map((account) => account.account_id));
    expect(sync.data.added.length).toBeGreaterThan(0);
    expect(sync.data.added.every((transaction) => ids.has(transaction.account_id))).toBe(true);
    expect(sync.data.accounts.map((account) => account.name)).toEqual(["Plaid Checking", "Plaid Credit Card"]);
    const saving = login.selectable_accounts.find((account) => account.name === "Plaid Saving");
    const refused = await plaidFailure(
      server.api.accountsGet({ access_token, options: { account_ids: [String(saving?.id)] } }),
    );
    expect(refused.body.error_code).toBe("INVALID_ACCOUNT_ID");
  });

  it("refuses an empty selection, a foreign account and a public token from another session", async () => {
    const token = await linkToken();
    const { login } = await logIn(token);
    const empty = await select(token, login, []);
    expect(empty.status).toBe(400);
    expect(empty.body.error_code).toBe("INVALID_FIELD");
    const foreign = await select(token, login, ["not-an-account"]);
    expect(foreign.body.error_code).toBe("INVALID_ACCOUNT_ID");

    const other = await linkToken();
    const { login: otherLogin } = await logIn(other);
    const crossed = await select(token, otherLogin, [String(otherLogin.selectable_accounts[0]?.id)]);
    expect(crossed.body.error_code).toBe("INVALID_FIELD");
  });

  it("opens an account hidden until it is added in update mode, then syncs its history", async () => {
    const { access_token, item_id } = await linkSharing(["Plaid Checking"]);
    const first = await server.api.transactionsSync({ access_token, count: 500 });
    let cursor = first.data.next_cursor;
    for (let more = first.data.has_more; more; ) {
      const page = await server.api.transactionsSync({ access_token, cursor, count: 500 });
      cursor = page.data.next_cursor;
      more = page.data.has_more;
    }

    received.length = 0;
    const opened = await server.post("/emulator/items/accounts/create", {
      item_id,
      type: "depository",
      subtype: "savings",
      name: "Holiday Saver",
      current_balance: 250,
    });
    expect(opened.status).toBe(200);
    const account = opened.body.account as { account_id: string; mask: string; balances: { current: number } };
    expect(account.balances.current).toBe(250);
    await server.flushWebhooks();
    expect(received).toContainEqual(
      expect.objectContaining({ webhook_type: "ITEM", webhook_code: "NEW_ACCOUNTS_AVAILABLE", item_id }),
    );
    // Not shared yet: Plaid does not answer for it.
    expect((await server.api.accountsGet({ access_token })).data.accounts.map((a) => a.name)).toEqual([
      "Plaid Checking",
    ]);

    // Update mode without account selection may not change what is shared.
    const plain = await linkToken({ accessToken: access_token });
    const { login: plainLogin } = await logIn(plain);
    expect((await select(plain, plainLogin, [account.account_id])).body.error_code).toBe("INVALID_FIELD");

    const token = await linkToken({ accessToken: access_token, accountSelection: true });
    const { session, login } = await logIn(token);
    expect(session).toMatchObject({ mode: "update", account_selection: true });
    expect(login.selectable_accounts.find((a) => a.id === account.account_id)).toMatchObject({
      name: "Holiday Saver",
      shared: false,
    });
    const checking = login.selectable_accounts.find((a) => a.name === "Plaid Checking");
    const selected = await select(token, login, [String(checking?.id), account.account_id]);
    expect(selected.status).toBe(200);

    const accounts = await server.api.accountsGet({ access_token });
    expect(accounts.data.accounts.map((a) => a.name)).toEqual(["Plaid Checking", "Holiday Saver"]);
    const next = await server.api.transactionsSync({ access_token, cursor, count: 500 });
    expect(next.data.added.map((transaction) => [transaction.account_id, transaction.amount])).toEqual([
      [account.account_id, -250],
    ]);
  });

  it("rejects a subtype that does not belong to the type", async () => {
    const { item_id } = await linkSharing(["Plaid Checking"]);
    const wrong = await server.post("/emulator/items/accounts/create", {
      item_id,
      type: "credit",
      subtype: "savings",
      name: "Card",
    });
    expect(wrong.status).toBe(400);
    expect(String(wrong.body.error_message)).toMatch(/not a subtype of credit/);
  });
});
