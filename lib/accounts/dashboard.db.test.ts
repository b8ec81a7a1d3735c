import pg from "pg";
import { describe, expect, it, vi } from "vitest";
import { getBackend, type Prisma } from "@/lib/db";
import { fetchRates } from "@/lib/fx";
import { ecbXml, serveRates } from "@/lib/test/ecb";
import {
  createAccount,
  createConnection,
  createPreferences,
  createSync,
  createUser,
  createUserWithAccount,
} from "@/lib/test/factories";
import { getDashboard } from "./dashboard";

const money = (value: { toFixed(places: number): string } | null | undefined) => value?.toFixed(2) ?? null;

async function createHousehold() {
  const user = await createUser();
  const bank = await createConnection({ userId: user.id, institutionName: "Zebra Bank", lastSyncAt: new Date() });
  const union = await createConnection({ userId: user.id, institutionName: "Aardvark Credit Union" });
  const account = (connection: { id: string }, data: Partial<Prisma.BankAccountUncheckedCreateInput>) =>
    createAccount({ ...data, userId: user.id, plaidConnectionId: connection.id });
  const checking = await account(bank, { name: "Checking", currentBalance: "1000.00", availableBalance: "950.00" });
  const card = await account(bank, {
    name: "Card",
    type: "credit",
    subtype: "credit card",
    currentBalance: "250.50",
    creditLimit: "5000.00",
  });
  const ira = await account(union, { name: "IRA", type: "investment", subtype: "ira", currentBalance: "20000.00" });
  const mortgage = await account(union, {
    name: "Mortgage",
    type: "loan",
    subtype: "mortgage",
    currentBalance: "9000",
  });
  const escrow = await account(union, { name: "Escrow", type: "other", subtype: "other", currentBalance: "700.00" });
  return { user, bank, union, checking, card, ira, mortgage, escrow };
}

/** A user with one bank, and a way to add accounts to it. */
async function createBank() {
  const user = await createUser();
  const bank = await createConnection({ userId: user.id });
  const add = (data: Partial<Omit<Prisma.BankAccountUncheckedCreateInput, "plaidConnectionId">>) =>
    createAccount({ userId: user.id, plaidConnectionId: bank.id, ...data });
  return { user, add };
}

describe("getDashboard", () => {
  it("groups active accounts under their institution, assets before debts", async () => {
    const { user, bank, union, checking, card, ira, mortgage, escrow } = await createHousehold();
    const dashboard = await getDashboard({ userId: user.id });

    expect(dashboard.institutions.map((i) => [i.connectionId, i.name])).toEqual([
      [union.id, "Aardvark Credit Union"],
      [bank.id, "Zebra Bank"],
    ]);
    expect(dashboard.institutions[0]?.accounts.map((a) => a.id)).toEqual([ira.id, escrow.id, mortgage.id]);
    expect(dashboard.institutions[1]?.accounts.map((a) => a.id)).toEqual([checking.id, card.id]);
    expect(dashboard.institutions[1]).toMatchObject({ primaryColor: "#1F6FEB", requiresReauth: false });
    const [shownChecking, shownCard] = dashboard.institutions[1]?.accounts ?? [];
    expect(money(shownChecking?.available)).toBe("950.00");
    expect(shownChecking?.creditUsed).toBeNull();
    expect(money(shownCard?.creditUsed)).toBe("250.50");
    expect(money(shownCard?.creditLimit)).toBe("5000.00");
  });

  it("totals assets, liabilities and net worth over the visible accounts", async () => {
    const { user } = await createHousehold();
    const { totals } = await getDashboard({ userId: user.id });
    expect(totals.byCurrency.map((total) => total.currency)).toEqual(["USD"]);
    expect(money(totals.byCurrency[0]?.assets)).toBe("21700.00");
    expect(money(totals.byCurrency[0]?.liabilities)).toBe("9250.50");
    expect(money(totals.byCurrency[0]?.netWorth)).toBe("12449.50");
  });

  it("never sums balances of different currencies", async () => {
    const { user, add } = await createBank();
    await add({ name: "Dollars", isoCurrencyCode: "USD", currentBalance: "100.00" });
    await add({ name: "Pounds", isoCurrencyCode: "GBP", currentBalance: "80.00" });
    await add({ name: "Pound card", isoCurrencyCode: "GBP", type: "credit", currentBalance: "30.00" });
    const { totals } = await getDashboard({ userId: user.id });
    expect(
      totals.byCurrency.map((t) => [t.currency, money(t.assets), money(t.liabilities), money(t.netWorth)]),
    ).toEqual([
      ["GBP", "80.00", "30.00", "50.00"],
      ["USD", "100.00", "0.00", "100.00"],
    ]);
    // No display currency chosen: nothing is converted and nothing needs explaining.
    expect(totals).toMatchObject({ displayCurrency: null, converted: null, notice: null });
  });

  it("converts the totals into a chosen display currency with the served rates, or says why not", async () => {
    const base = await serveRates({
      "/eurofxref-daily.xml": ecbXml({ "2026-11-20": { USD: "1.2500", GBP: "0.8000" } }),
    });
    const { user, add } = await createBank();
    await add({ name: "Dollars", isoCurrencyCode: "USD", currentBalance: "125.00" });
    await add({ name: "Pounds", isoCurrencyCode: "GBP", currentBalance: "80.00" });
    await createPreferences({ userId: user.id, defaultCurrency: "EUR" });
    const now = new Date("2026-11-23T12:00:00Z");

    const before = await getDashboard({ userId: user.id, now });
    expect(before.totals.converted).toBeNull();
    expect(before.totals.notice).toMatch(/^No (exchange rates (configured|fetched yet)|rate for GBP, USD yet)/);
    expect(before.totals.byCurrency).toHaveLength(2);

    await fetchRates({ url: `${base}/eurofxref-daily.xml` });
    const { totals } = await getDashboard({ userId: user.id, now });
    // 125 USD = 100 EUR, 80 GBP = 100 EUR.
    expect(totals.displayCurrency).toBe("EUR");
    expect(totals.converted?.currency).toBe("EUR");
    expect(money(totals.converted?.netWorth)).toBe("200.00");
    expect(totals.converted?.rateDay).toBe("2026-11-20");
    expect(totals.notice).toBeNull();
    expect(totals.byCurrency.map((t) => t.currency)).toEqual(["GBP", "USD"]);
  });

  it("applies each account's alias, colour and icon, and keeps the bank's name", async () => {
    const { user, checking, card } = await createHousehold();
    await createPreferences({ userId: user.id, showBalances: true });
    await createPreferences({
      userId: user.id,
      bankAccountId: checking.id,
      accountAlias: "Everyday",
      accountColor: "#2E7D32",
      accountIcon: "wallet",
    });
    const accounts = (await getDashboard({ userId: user.id })).institutions.flatMap((i) => i.accounts);

    expect(accounts.find((a) => a.id === checking.id)).toMatchObject({
      displayName: "Everyday",
      name: "Checking",
      color: "#2E7D32",
      icon: "wallet",
    });
    expect(accounts.find((a) => a.id === card.id)).toMatchObject({ displayName: "Card", color: null, icon: null });
  });

  it("lists hidden accounts apart and leaves them out of the totals", async () => {
    const { user, union, escrow, mortgage } = await createHousehold();
    await createPreferences({ userId: user.id, bankAccountId: escrow.id, hideAccount: true, accountAlias: "Condo" });
    await createPreferences({ userId: user.id, bankAccountId: mortgage.id, hideAccount: true });
    const dashboard = await getDashboard({ userId: user.id });

    const unionGroup = dashboard.institutions.find((i) => i.connectionId === union.id);
    expect(unionGroup?.accounts.map((a) => a.name)).toEqual(["IRA"]);
    expect(dashboard.hidden.map((a) => [a.displayName, a.institutionName, a.hidden])).toEqual([
      ["Condo", "Aardvark Credit Union", true],
      ["Mortgage", "Aardvark Credit Union", true],
    ]);
    expect(money(dashboard.totals.byCurrency[0]?.assets)).toBe("21000.00");
    expect(money(dashboard.totals.byCurrency[0]?.liabilities)).toBe("250.50");
    expect(money(dashboard.totals.byCurrency[0]?.netWorth)).toBe("20749.50");
  });

  it("never shows another user's connections, accounts or preferences", async () => {
    const { user, checking } = await createHousehold();
    const other = await createUserWithAccount({ name: "Someone else's", currentBalance: "99999.00" });
    await createPreferences({ userId: other.user.id, bankAccountId: other.account.id, accountAlias: "Theirs" });

    const mine = await getDashboard({ userId: user.id });
    const ids = mine.institutions.flatMap((i) => [i.connectionId, ...i.accounts.map((a) => a.id)]);
    expect(ids).not.toContain(other.connection.id);
    expect(ids).not.toContain(other.account.id);
    expect(ids).toContain(checking.id);
    expect(money(mine.totals.byCurrency[0]?.assets)).toBe("21700.00");

    const theirs = await getDashboard({ userId: other.user.id });
    expect(theirs.institutions.flatMap((i) => i.accounts.map((a) => a.displayName))).toEqual(["Theirs"]);
  });

  it("leaves out inactive accounts and connections", async () => {
    const { user, bank, checking } = await createHousehold();
    await createAccount({
      userId: user.id,
      plaidConnectionId: bank.id,
      name: "Closed",
      isActive: false,
      currentBalance: "5",
    });
    const gone = await createConnection({ userId: user.id, institutionName: "Gone Bank", isActive: false });
    await createAccount({ userId: user.id, plaidConnectionId: gone.id, name: "Orphan", currentBalance: "77.00" });
    const dashboard = await getDashboard({ userId: user.id });

    expect(dashboard.institutions.map((i) => i.name)).not.toContain("Gone Bank");
    const names = dashboard.institutions.flatMap((i) => i.accounts.map((a) => a.name));
    expect(names).not.toContain("Closed");
    expect(names).toContain(checking.name);
    expect(money(dashboard.totals.byCurrency[0]?.assets)).toBe("21700.00");
  });

  it("flags connections that need reconnecting, are syncing or have errors", async () => {
    const user = await createUser();
    const quiet = await createConnection({ userId: user.id, institutionName: "A Quiet" });
    const reauth = await createConnection({ userId: user.id, institutionName: "B Reauth", requiresReauth: true });
    const syncing = await createConnection({ userId: user.id, institutionName: "C Syncing" });
    await createConnection({ userId: user.id, institutionName: "D Failing", errorCount: 2 });
    const broken = await createConnection({ userId: user.id, institutionName: "E Broken account" });
    await createAccount({ userId: user.id, plaidConnectionId: broken.id, status: "error" });
    await createSync({ plaidConnectionId: quiet.id, status: "success", completedAt: new Date() });
    await createSync({ plaidConnectionId: quiet.id, status: "failed", completedAt: new Date() });
    await createSync({ plaidConnectionId: syncing.id, status: "in_progress", startedAt: new Date() });
    await createSync({ plaidConnectionId: reauth.id, status: "pending" });

    const flags = (await getDashboard({ userId: user.id })).institutions.map((i) => [
      i.name,
      i.requiresReauth,
      i.syncing,
      i.error,
    ]);
    expect(flags).toEqual([
      ["A Quiet", false, false, false],
      ["B Reauth", true, true, false],
      ["C Syncing", false, true, false],
      ["D Failing", false, false, true],
      ["E Broken account", false, false, true],
    ]);
  });

  it("is empty, with no totals, for a user with no banks", async () => {
    const user = await createUser();
    const dashboard = await getDashboard({ userId: user.id });
    expect(dashboard.institutions).toEqual([]);
    expect(dashboard.hidden).toEqual([]);
    expect(dashboard.totals).toEqual({ byCurrency: [], displayCurrency: null, converted: null, notice: null });
  });

  it("runs the same number of queries for one account as for many", async () => {
    const small = await createUserWithAccount();
    const { user: large } = await createHousehold();
    for (const account of (await getDashboard({ userId: large.id })).institutions.flatMap((i) => i.accounts)) {
      await createPreferences({ userId: large.id, bankAccountId: account.id, accountAlias: `Alias ${account.name}` });
    }
    const countQueries = async (userId: string) => {
      const backend = getBackend();
      const spy =
        backend.kind === "embedded" ? vi.spyOn(backend.pglite, "query") : vi.spyOn(pg.Client.prototype, "query");
      try {
        await getDashboard({ userId });
        return spy.mock.calls.length;
      } finally {
        spy.mockRestore();
      }
    };
    const one = await countQueries(small.user.id);
    expect(one).toBeGreaterThan(0);
    expect(await countQueries(large.id)).toBe(one);
  });
});
