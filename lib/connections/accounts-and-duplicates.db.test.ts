// Which accounts a connection holds, as Link's account selection decides, against the real emulator:
// a second login at a bank links when its accounts are other ones and is refused (before or, failing
// that, right after the exchange) when one is the same; accounts opened at the bank later arrive through
// update mode with account selection, and accounts no longer shared are closed with their history kept.
import { describe, expect, it, vi } from "vitest";
import { db } from "@/lib/db";
import { isAppError } from "@/lib/errors";
import { setUpEmulatorServer } from "@/lib/test/emulator";
import { createUser } from "@/lib/test/factories";

vi.mock("@/lib/plaid/config", () => import("@/lib/test/emulator"));

const { createLinkToken, exchangePublicToken, DuplicateConnectionError } = await import("./link");
const { completeUpdateMode } = await import("./update-mode");
const { computeTotals, getDashboard } = await import("@/lib/accounts/dashboard");
const server = setUpEmulatorServer();

const PLATYPUS = { institution_id: "ins_109508", name: "First Platypus Bank" };

type LinkAnswer = {
  public_token: string;
  accounts: { id: string; name: string; mask: string | null }[];
  selectable_accounts: { id: string; name: string; shared: boolean }[];
  link_session_id: string;
};

/** Link as the stand-in walks it: log in, then tick `names` (all shared accounts when not given). */
async function runLink(linkToken: string, names?: (accounts: LinkAnswer["selectable_accounts"]) => string[]) {
  const session = await server.post("/link/session", { link_token: linkToken });
  const login = await server.post("/link/login", {
    link_token: linkToken,
    link_session_id: session.body.link_session_id,
    institution_id: PLATYPUS.institution_id,
    username: "user_good",
    password: "pass_good",
  });
  expect(login.status).toBe(200);
  const answer = login.body as unknown as LinkAnswer;
  if (!names) return answer;
  const chosen = names(answer.selectable_accounts);
  const selected = await server.post("/link/accounts/select", {
    link_token: linkToken,
    link_session_id: answer.link_session_id,
    public_token: answer.public_token,
    account_ids: answer.selectable_accounts.filter((a) => chosen.includes(a.name)).map((a) => a.id),
  });
  expect(selected.status).toBe(200);
  return selected.body as unknown as LinkAnswer;
}

async function linkSharing(userId: string, names: string[], { withAccounts = true } = {}) {
  const { linkToken } = await createLinkToken({ userId });
  const answer = await runLink(linkToken, () => names);
  return exchangePublicToken({
    userId,
    publicToken: answer.public_token,
    metadata: {
      institution: PLATYPUS,
      ...(withAccounts ? { accounts: answer.accounts.map(({ name, mask }) => ({ name, mask })) } : {}),
    },
  });
}

async function itemOf(connectionId: string) {
  const { itemId } = await db.plaidConnection.findUniqueOrThrow({ where: { id: connectionId } });
  return itemId;
}

async function failure(promise: Promise<unknown>) {
  return promise.then(
    () => {
      throw new Error("expected a failure");
    },
    (error: unknown) => error,
  );
}

describe("duplicates by institution, account name and mask", () => {
  it("links a second login at the same bank whose accounts are other ones", async () => {
    const user = await createUser();
    const personal = await linkSharing(user.id, ["Plaid Checking", "Plaid Saving"]);
    const business = await linkSharing(user.id, ["Plaid Credit Card", "Plaid Money Market"]);
    expect(business.connectionId).not.toBe(personal.connectionId);
    const accounts = await db.bankAccount.findMany({
      where: { userId: user.id },
      select: { name: true, plaidConnectionId: true },
      orderBy: { name: "asc" },
    });
    expect(accounts.map((account) => [account.name, account.plaidConnectionId === personal.connectionId])).toEqual([
      ["Plaid Checking", true],
      ["Plaid Credit Card", false],
      ["Plaid Money Market", false],
      ["Plaid Saving", true],
    ]);
  });

  it("refuses an overlapping login before the exchange, so no second item is made", async () => {
    const user = await createUser();
    const first = await linkSharing(user.id, ["Plaid Checking", "Plaid Saving"]);
    const error = await failure(linkSharing(user.id, ["Plaid Saving", "Plaid CD"]));
    expect(error).toBeInstanceOf(DuplicateConnectionError);
    expect((error as InstanceType<typeof DuplicateConnectionError>).connectionId).toBe(first.connectionId);
    expect(await db.plaidConnection.count({ where: { userId: user.id } })).toBe(1);
  });

  it("catches a duplicate Link's metadata did not describe, and removes the new item at Plaid", async () => {
    const user = await createUser();
    await linkSharing(user.id, ["Plaid Checking"]);
    const listed = async () =>
      (await server.post("/emulator/items/list", { client_user_id: user.id })).body.items as unknown[];
    const before = (await listed()).length;
    const error = await failure(linkSharing(user.id, ["Plaid Checking", "Plaid CD"], { withAccounts: false }));
    expect(isAppError(error, "plaid:duplicate_connection")).toBe(true);
    expect(await db.plaidConnection.count({ where: { userId: user.id } })).toBe(1);
    // The new item was made at Plaid by the exchange, then removed: only the first is left.
    expect((await listed()).length).toBe(before);
  });

  it("ignores closed accounts: one no longer shared can be linked again by a new login", async () => {
    const user = await createUser();
    const first = await linkSharing(user.id, ["Plaid Checking"]);
    await db.bankAccount.updateMany({ where: { plaidConnectionId: first.connectionId }, data: { status: "closed" } });
    await expect(linkSharing(user.id, ["Plaid Checking"])).resolves.toMatchObject({ accountCount: 1 });
  });
});

describe("adding and removing accounts in update mode", () => {
  it("adds an account opened at the bank, and closes one no longer shared, keeping its history", async () => {
    const user = await createUser();
    const linked = await linkSharing(user.id, ["Plaid Checking", "Plaid Saving"]);
    const itemId = await itemOf(linked.connectionId);

    const opened = await server.post("/emulator/items/accounts/create", {
      item_id: itemId,
      type: "credit",
      subtype: "credit card",
      name: "Platypus Rewards Card",
      current_balance: 75.5,
    });
    expect(opened.status).toBe(200);
    await server.flushWebhooks();

    const { linkToken, mode } = await createLinkToken({
      userId: user.id,
      connectionId: linked.connectionId,
      accountSelection: true,
    });
    expect(mode).toBe("update");
    const [record] = await server.emulator.store.query<{ request: Record<string, unknown> }>(
      "SELECT request FROM plaid_emulator.link_tokens WHERE link_token = $1",
      [linkToken],
    );
    expect(record?.request).toMatchObject({ update: { account_selection_enabled: true } });
    await runLink(linkToken, () => ["Plaid Checking", "Platypus Rewards Card"]);

    await db.plaidConnection.update({
      where: { id: linked.connectionId },
      data: { metadata: { new_accounts_available: true } },
    });
    const result = await completeUpdateMode({
      userId: user.id,
      connectionId: linked.connectionId,
      accountSelection: true,
    });
    expect(result.accounts).toEqual({ added: ["Platypus Rewards Card"], closed: ["Plaid Saving"], reopened: [] });

    const accounts = await db.bankAccount.findMany({
      where: { plaidConnectionId: linked.connectionId },
      select: { name: true, status: true, currentBalance: true, type: true, _count: { select: { balances: true } } },
      orderBy: { name: "asc" },
    });
    expect(accounts.map((a) => [a.name, a.status, a.type])).toEqual([
      ["Plaid Checking", "active", "depository"],
      ["Plaid Saving", "closed", "depository"],
      ["Platypus Rewards Card", "active", "credit"],
    ]);
    expect(accounts[2]?.currentBalance?.toFixed(2)).toBe("75.50");
    expect(accounts[1]?._count.balances).toBeGreaterThan(0);

    const connection = await db.plaidConnection.findUniqueOrThrow({ where: { id: linked.connectionId } });
    expect(connection.metadata).not.toHaveProperty("new_accounts_available");
    // A sync is due to fetch the new card's history (the link's own first sync is still queued here).
    expect(result.sync).toMatch(/^(queued|already_queued)$/);
    expect(
      await db.transactionSync.count({ where: { plaidConnectionId: linked.connectionId, status: "pending" } }),
    ).toBe(1);

    // The closed account is listed but no longer counted.
    const dashboard = await getDashboard({ userId: user.id });
    const listed = dashboard.institutions[0]?.accounts ?? [];
    expect(listed.find((a) => a.name === "Plaid Saving")?.status).toBe("closed");
    expect(dashboard.totals.byCurrency).toEqual(computeTotals(listed.filter((a) => a.status !== "closed")));

    // Shared again later: reopened, not duplicated.
    const again = await createLinkToken({ userId: user.id, connectionId: linked.connectionId, accountSelection: true });
    await runLink(again.linkToken, (all) => all.map((a) => a.name));
    const reopened = await completeUpdateMode({
      userId: user.id,
      connectionId: linked.connectionId,
      accountSelection: true,
    });
    expect(reopened.accounts.reopened).toEqual(["Plaid Saving"]);
    expect(reopened.accounts.added.sort()).toEqual(
      [
        "Plaid 401k",
        "Plaid CD",
        "Plaid IRA",
        "Plaid Money Market",
        "Plaid Mortgage",
        "Plaid Student Loan",
        "Plaid Credit Card",
      ].sort(),
    );
    expect(await db.bankAccount.count({ where: { plaidConnectionId: linked.connectionId } })).toBe(10);
  });

  it("keeps the new-accounts flag after a plain reconnect", async () => {
    const user = await createUser();
    const linked = await linkSharing(user.id, ["Plaid Checking"]);
    await db.plaidConnection.update({
      where: { id: linked.connectionId },
      data: { metadata: { new_accounts_available: true } },
    });
    const { linkToken } = await createLinkToken({ userId: user.id, connectionId: linked.connectionId });
    await runLink(linkToken);
    const result = await completeUpdateMode({ userId: user.id, connectionId: linked.connectionId });
    expect(result.accounts).toEqual({ added: [], closed: [], reopened: [] });
    const connection = await db.plaidConnection.findUniqueOrThrow({ where: { id: linked.connectionId } });
    expect(connection.metadata).toMatchObject({ new_accounts_available: true });
  });

  it("refuses account selection on another person's connection", async () => {
    const [owner, other] = [await createUser(), await createUser()];
    const linked = await linkSharing(owner.id, ["Plaid Checking"]);
    const error = await failure(
      createLinkToken({ userId: other.id, connectionId: linked.connectionId, accountSelection: true }),
    );
    expect(isAppError(error, "connection:not_found")).toBe(true);
  });
});
