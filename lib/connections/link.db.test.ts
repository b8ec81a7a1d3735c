// The Link flow's server side against the real emulator over HTTP (the app's own Plaid client, pointed
// at a test server): link token, exchange, duplicate refusal, update mode, unlink, and ownership.
import { Products } from "plaid";
import { describe, expect, it, vi } from "vitest";
import { db } from "@/lib/db";
import { isAppError } from "@/lib/errors";
import { log, setLogDestination } from "@/lib/log";
import { setUpEmulatorServer } from "@/lib/test/emulator";
import { createPreferences, createTransaction, createUser } from "@/lib/test/factories";

vi.mock("@/lib/plaid/config", () => import("@/lib/test/emulator"));

const { createLinkToken, exchangePublicToken, DuplicateConnectionError } = await import("./link");
const { completeUpdateMode } = await import("./update-mode");
const { unlinkConnection } = await import("./unlink");
const { openAccessToken } = await import("@/lib/plaid/token-crypto");
const server = setUpEmulatorServer();

const PLATYPUS = { institution_id: "ins_109508", name: "First Platypus Bank" };

/** What Link would hand the browser: a public token for a new sandbox item. */
async function sandboxPublicToken(institutionId = PLATYPUS.institution_id) {
  const { data } = await server.api.sandboxPublicTokenCreate({
    institution_id: institutionId,
    initial_products: [Products.Transactions],
  });
  return data.public_token;
}

/** The emulator's record of a link token: who asked, for which item, and the request as recorded. */
async function linkTokenRecord(linkToken: string) {
  const [record] = await server.emulator.store.query<{
    client_user_id: string;
    item_id: string | null;
    webhook: string | null;
    request: Record<string, unknown>;
  }>("SELECT client_user_id, item_id, webhook, request FROM plaid_emulator.link_tokens WHERE link_token = $1", [
    linkToken,
  ]);
  if (!record) throw new Error(`the emulator has no link token ${linkToken}`);
  return record;
}

async function linkPlatypus(userId: string) {
  const publicToken = await sandboxPublicToken();
  return exchangePublicToken({ userId, publicToken, metadata: { institution: PLATYPUS, link_session_id: "ls-1" } });
}

async function accessTokenOf(connectionId: string) {
  const row = await db.plaidConnection.findUniqueOrThrow({ where: { id: connectionId } });
  return openAccessToken({ ciphertext: row.accessToken, keyId: row.accessTokenKeyId ?? "" });
}

async function failure(promise: Promise<unknown>) {
  return promise.then(
    () => {
      throw new Error("expected a failure");
    },
    (error: unknown) => error,
  );
}

describe("createLinkToken", () => {
  it("creates a link token for a new item", async () => {
    const user = await createUser();
    const token = await createLinkToken({ userId: user.id });
    expect(token.mode).toBe("create");
    expect(token.linkToken).toMatch(/^link-sandbox-/);
    expect(Date.parse(token.expiration)).toBeGreaterThan(Date.now());
    const record = await linkTokenRecord(token.linkToken);
    expect(record.client_user_id).toBe(user.id);
    expect(record.item_id).toBeNull();
    expect(record.webhook).toMatch(/\/api\/plaid\/webhook$/);
    expect(record.request).toMatchObject({
      client_name: "Mingus",
      products: ["transactions"],
      optional_products: ["liabilities"],
      language: "en",
    });
    // OAuth banks send people back to the app's return page; Link offers the configured countries.
    expect(record.request).toMatchObject({
      redirect_uri: expect.stringMatching(/^https?:\/\/[^/]+\/oauth-return$/),
      country_codes: ["US"],
    });
  });
});

describe("exchangePublicToken", () => {
  it("stores the connection with a sealed token, nine accounts with balances and a queued first sync", async () => {
    const user = await createUser();
    const linked = await linkPlatypus(user.id);
    expect(linked).toEqual({
      connectionId: expect.any(String),
      institutionName: "First Platypus Bank",
      accountCount: 9,
    });
    // The allowlist: nothing else goes back to the browser.
    expect(Object.keys(linked).sort()).toEqual(["accountCount", "connectionId", "institutionName"]);

    const connection = await db.plaidConnection.findUniqueOrThrow({ where: { id: linked.connectionId } });
    expect(connection.userId).toBe(user.id);
    expect(connection.accessToken).not.toMatch(/^access-/);
    expect(connection.accessToken).not.toContain("access-sandbox-");
    expect(connection.accessTokenKeyId).toBeTruthy();
    const accessToken = await accessTokenOf(connection.id);
    expect(accessToken).toMatch(/^access-sandbox-/);
    const { data: item } = await server.api.itemGet({ access_token: accessToken });
    expect(item.item.item_id).toBe(connection.itemId);
    expect(connection).toMatchObject({
      institutionId: "ins_109508",
      institutionName: "First Platypus Bank",
      syncFrequency: "daily",
      requiresReauth: false,
      isActive: true,
    });
    expect(connection.institutionPrimaryColor).toMatch(/^#[0-9A-Fa-f]{6}$/);
    expect(connection.institutionLogo).toMatch(/^[A-Za-z0-9+/]+=*$/);
    expect(connection.institutionUrl).toMatch(/^https?:\/\//);

    const accounts = await db.bankAccount.findMany({
      where: { plaidConnectionId: connection.id },
      include: { balances: true },
      orderBy: { mask: "asc" },
    });
    expect(accounts.map((account) => [account.name, account.mask, account.type])).toEqual([
      ["Plaid Checking", "0000", "depository"],
      ["Plaid Saving", "1111", "depository"],
      ["Plaid CD", "2222", "depository"],
      ["Plaid Credit Card", "3333", "credit"],
      ["Plaid Money Market", "4444", "depository"],
      ["Plaid IRA", "5555", "investment"],
      ["Plaid 401k", "6666", "investment"],
      ["Plaid Student Loan", "7777", "loan"],
      ["Plaid Mortgage", "8888", "loan"],
    ]);
    const plaidAccounts = await server.api.accountsGet({ access_token: accessToken });
    for (const account of accounts) {
      expect(account.userId).toBe(user.id);
      const plaid = plaidAccounts.data.accounts.find((candidate) => candidate.account_id === account.accountId);
      // numeric(15,2): Plaid's sandbox 401k has 23631.9805, kept as 23631.98.
      expect(account.currentBalance?.toFixed(2)).toBe(plaid?.balances.current?.toFixed(2));
      const current = account.balances.find((balance) => balance.balanceType === "current");
      expect(current).toMatchObject({ isCurrent: true, source: "plaid", currency: "USD" });
      expect(current?.amount.equals(account.currentBalance ?? -1)).toBe(true);
    }
    const card = accounts.find((account) => account.type === "credit");
    expect(card?.creditLimit?.isPositive()).toBe(true);
    expect(card?.balances.map((balance) => balance.balanceType).sort()).toContain("credit_limit");

    const syncs = await db.transactionSync.findMany({ where: { plaidConnectionId: connection.id } });
    expect(syncs).toHaveLength(1);
    expect(syncs[0]).toMatchObject({ syncType: "initial", status: "pending", context: { trigger: "link" } });
  });

  it("uses the user's preferred sync frequency", async () => {
    const user = await createUser();
    await createPreferences({ userId: user.id, syncFrequency: "weekly" });
    const linked = await linkPlatypus(user.id);
    const connection = await db.plaidConnection.findUniqueOrThrow({ where: { id: linked.connectionId } });
    expect(connection.syncFrequency).toBe("weekly");
  });

  it("refuses a second item with the same accounts before exchanging, and names the existing connection", async () => {
    const user = await createUser();
    const first = await linkPlatypus(user.id);
    const publicToken = await sandboxPublicToken();
    const accounts = [{ name: "Plaid Saving", mask: "1111" }];
    const error = await failure(
      exchangePublicToken({ userId: user.id, publicToken, metadata: { institution: PLATYPUS, accounts } }),
    );
    expect(error).toBeInstanceOf(DuplicateConnectionError);
    expect(isAppError(error, "plaid:duplicate_connection")).toBe(true);
    expect((error as Error).message).toBe(
      "Plaid Saving •••• 1111 at First Platypus Bank is already linked. Reconnect the existing connection instead of linking it a second time.",
    );
    expect((error as InstanceType<typeof DuplicateConnectionError>).connectionId).toBe(first.connectionId);
    expect(await db.plaidConnection.count({ where: { userId: user.id } })).toBe(1);
    // The public token was never spent: it still exchanges.
    const { data } = await server.api.itemPublicTokenExchange({ public_token: publicToken });
    expect(data.access_token).toMatch(/^access-sandbox-/);
    await server.api.itemRemove({ access_token: data.access_token });
  });

  it("lets another user link the same bank", async () => {
    const [a, b] = [await createUser(), await createUser()];
    await linkPlatypus(a.id);
    await expect(linkPlatypus(b.id)).resolves.toMatchObject({ accountCount: 9 });
  });

  it("removes the item at Plaid and keeps nothing when a call after the exchange fails", async () => {
    const user = await createUser();
    await server.post("/emulator/faults", { endpoint: "/accounts/get", error_code: "INSTITUTION_DOWN", remaining: 1 });
    const removalsBefore = await db.plaidApiCall.count({ where: { endpoint: "/item/remove", statusCode: 200 } });
    const error = await failure(linkPlatypus(user.id));
    expect(isAppError(error, "plaid:error")).toBe(true);
    expect((error as Error).message).toBe(
      "This financial institution is not currently responding to requests. We apologize for the inconvenience.",
    );
    expect(await db.plaidConnection.count({ where: { userId: user.id } })).toBe(0);
    expect(await db.plaidApiCall.count({ where: { endpoint: "/item/remove", statusCode: 200 } })).toBe(
      removalsBefore + 1,
    );
  });

  it("turns a spent public token into a clear message", async () => {
    const user = await createUser();
    const publicToken = await sandboxPublicToken();
    await server.api.itemPublicTokenExchange({ public_token: publicToken });
    const error = await failure(exchangePublicToken({ userId: user.id, publicToken, metadata: { institution: null } }));
    expect(isAppError(error, "plaid:invalid_public_token")).toBe(true);
  });
});

describe("update mode", () => {
  it("creates an update-mode link token, and clears the reconnect state only once Plaid agrees", async () => {
    const user = await createUser();
    const { connectionId } = await linkPlatypus(user.id);
    const accessToken = await accessTokenOf(connectionId);
    await server.api.sandboxItemResetLogin({ access_token: accessToken });
    await db.plaidConnection.update({
      where: { id: connectionId },
      data: { requiresReauth: true, lastError: "ITEM_LOGIN_REQUIRED: login details changed", errorCount: 3 },
    });
    await db.transactionSync.deleteMany({ where: { plaidConnectionId: connectionId } });

    const token = await createLinkToken({ userId: user.id, connectionId });
    expect(token.mode).toBe("update");
    const record = await linkTokenRecord(token.linkToken);
    expect(record.item_id).toBe((await db.plaidConnection.findUniqueOrThrow({ where: { id: connectionId } })).itemId);
    expect(record.request.products ?? null).toBeNull();
    // Update mode asks for Liabilities too, so an item linked before Mingus asked can gain it.
    expect(record.request.optional_products).toEqual(["liabilities"]);
    // An OAuth bank's repair also goes through the return page.
    expect(record.request).toMatchObject({
      redirect_uri: expect.stringMatching(/\/oauth-return$/),
      country_codes: ["US"],
    });

    // Before the person signs in again, the item is still broken: nothing is cleared.
    const early = await failure(completeUpdateMode({ userId: user.id, connectionId }));
    expect(isAppError(early, "plaid:item_login_required")).toBe(true);
    expect((await db.plaidConnection.findUniqueOrThrow({ where: { id: connectionId } })).requiresReauth).toBe(true);

    // What the stand-in does in update mode.
    const session = await server.post("/link/session", { link_token: token.linkToken });
    expect(session.body).toMatchObject({ mode: "update", institution: { institution_id: "ins_109508" } });
    const login = await server.post("/link/login", {
      link_token: token.linkToken,
      link_session_id: session.body.link_session_id,
      institution_id: "ins_109508",
      username: "user_good",
      password: "pass_good",
    });
    expect(login.status).toBe(200);

    await expect(completeUpdateMode({ userId: user.id, connectionId })).resolves.toMatchObject({
      institutionName: "First Platypus Bank",
      sync: "queued",
    });
    const repaired = await db.plaidConnection.findUniqueOrThrow({ where: { id: connectionId } });
    expect(repaired).toMatchObject({ requiresReauth: false, lastError: null, errorCount: 0 });
    const syncs = await db.transactionSync.findMany({ where: { plaidConnectionId: connectionId } });
    expect(syncs.map((sync) => sync.context)).toEqual([expect.objectContaining({ trigger: "reconnect" })]);
  });
});

describe("unlinkConnection", () => {
  it("removes the item at Plaid and deletes the connection with everything that hangs off it", async () => {
    const user = await createUser();
    const { connectionId } = await linkPlatypus(user.id);
    const accessToken = await accessTokenOf(connectionId);
    const accounts = await db.bankAccount.findMany({ where: { plaidConnectionId: connectionId } });
    const accountIds = accounts.map((account) => account.id);
    const [checking] = accounts;
    await createTransaction({ bankAccountId: checking?.id ?? "" });
    await createPreferences({ userId: user.id, bankAccountId: checking?.id, accountAlias: "Everyday" });
    await createPreferences({ userId: user.id, syncFrequency: "hourly" });

    await expect(unlinkConnection({ userId: user.id, connectionId })).resolves.toEqual({
      institutionName: "First Platypus Bank",
      plaid: "removed",
    });
    expect(await db.plaidConnection.count({ where: { id: connectionId } })).toBe(0);
    expect(await db.bankAccount.count({ where: { id: { in: accountIds } } })).toBe(0);
    expect(await db.accountBalance.count({ where: { bankAccountId: { in: accountIds } } })).toBe(0);
    expect(await db.transaction.count({ where: { bankAccountId: { in: accountIds } } })).toBe(0);
    expect(await db.transactionSync.count({ where: { plaidConnectionId: connectionId } })).toBe(0);
    expect(await db.bankingPreferences.count({ where: { bankAccountId: { in: accountIds } } })).toBe(0);
    // The user's own defaults are not the connection's.
    expect(await db.bankingPreferences.count({ where: { userId: user.id, bankAccountId: null } })).toBe(1);
    // Gone at Plaid: the token no longer works.
    const error = await server.api.itemGet({ access_token: accessToken }).catch((failed: unknown) => failed);
    expect((error as { response?: { data?: { error_code?: string } } }).response?.data?.error_code).toMatch(
      /ITEM_NOT_FOUND|INVALID_ACCESS_TOKEN/,
    );
  });

  it("deletes the connection when the item is already gone at Plaid", async () => {
    const user = await createUser();
    const { connectionId } = await linkPlatypus(user.id);
    await server.api.itemRemove({ access_token: await accessTokenOf(connectionId) });
    await expect(unlinkConnection({ userId: user.id, connectionId })).resolves.toMatchObject({ plaid: "already_gone" });
    expect(await db.plaidConnection.count({ where: { id: connectionId } })).toBe(0);
  });

  it("deletes nothing when Plaid cannot remove the item", async () => {
    const user = await createUser();
    const { connectionId } = await linkPlatypus(user.id);
    await server.post("/emulator/faults", {
      endpoint: "/item/remove",
      error_code: "INTERNAL_SERVER_ERROR",
      remaining: 1,
    });
    const error = await failure(unlinkConnection({ userId: user.id, connectionId }));
    expect(isAppError(error, "plaid:error")).toBe(true);
    expect(await db.plaidConnection.count({ where: { id: connectionId } })).toBe(1);
    expect(await db.bankAccount.count({ where: { plaidConnectionId: connectionId } })).toBe(9);
  });
});

describe("another user's connection", () => {
  it("is not found for link tokens, update mode and unlink, and is left alone", async () => {
    const owner = await createUser();
    const stranger = await createUser();
    const { connectionId } = await linkPlatypus(owner.id);
    const callsBefore = await db.plaidApiCall.count({ where: { plaidConnectionId: connectionId } });
    for (const attempt of [
      () => createLinkToken({ userId: stranger.id, connectionId }),
      () => completeUpdateMode({ userId: stranger.id, connectionId }),
      () => unlinkConnection({ userId: stranger.id, connectionId }),
      () => unlinkConnection({ userId: stranger.id, connectionId: "not-a-uuid" }),
    ]) {
      expect(isAppError(await failure(attempt()), "connection:not_found")).toBe(true);
    }
    // Not one Plaid call was made for it.
    expect(await db.plaidApiCall.count({ where: { plaidConnectionId: connectionId } })).toBe(callsBefore);
    expect(await db.bankAccount.count({ where: { plaidConnectionId: connectionId } })).toBe(9);
  });
});

describe("the access token at rest", () => {
  it("appears in no column of any table, nor in the log, after a link, a reconnect and an unlink", async () => {
    const logged: string[] = [];
    const spies = (["log", "info", "warn", "error", "debug"] as const).map((level) =>
      vi.spyOn(console, level).mockImplementation((...args: unknown[]) => {
        logged.push(args.map(String).join(" "));
      }),
    );
    // Everything lib/log writes too, at every level.
    setLogDestination({ write: (line: string) => void logged.push(line) });
    const level = log.level;
    log.level = "trace";
    try {
      const user = await createUser();
      const linked = await linkPlatypus(user.id);
      const other = await linkPlatypus((await createUser()).id);
      const token = await accessTokenOf(linked.connectionId);
      expect(token).toMatch(/^access-sandbox-/);
      await server.api.sandboxItemResetLogin({ access_token: token });
      await completeUpdateMode({ userId: user.id, connectionId: linked.connectionId }).catch(() => undefined);
      await unlinkConnection({ userId: user.id, connectionId: other.connectionId }).catch(() => undefined);
      await server.flushWebhooks();

      // Every text-like column of every table, the app's and the emulator's, searched for the token's
      // distinctive part.
      const columns = await db.$queryRaw<{ table: string; column: string }[]>`
        SELECT format('%I.%I', table_schema, table_name) AS "table", column_name AS "column"
        FROM information_schema.columns
        WHERE table_schema IN (current_schema(), 'plaid_emulator')
          AND data_type IN ('text', 'character varying', 'jsonb', 'json')`;
      expect(columns.some(({ table }) => table === "plaid_emulator.items")).toBe(true);
      expect(columns.length).toBeGreaterThan(20);
      const secret = token.slice("access-sandbox-".length);
      for (const { table, column } of columns) {
        const [row] = await db.$queryRawUnsafe<{ found: number }[]>(
          `SELECT count(*)::int AS found FROM ${table} WHERE "${column}"::text LIKE '%' || $1 || '%'`,
          secret,
        );
        expect(row?.found, `${table}.${column}`).toBe(0);
      }
      expect(logged.filter((line) => line.includes(secret))).toEqual([]);
    } finally {
      for (const spy of spies) spy.mockRestore();
      log.level = level;
      setLogDestination(null);
    }
  });
});
