// A manual account's life on the real database: added with an opening balance, listed and counted,
// its balance updated, edited, deleted; another person can do none of it, and a linked account is
// never changed through here.
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { isAppError } from "@/lib/errors";
import { createPreferences, createUser, createUserWithAccount } from "@/lib/test/factories";
import { getDashboard } from "../dashboard";
import { getAccountDetail } from "../detail";
import {
  createManualAccount,
  deleteManualAccount,
  editManualAccount,
  getManualOpening,
  recordManualBalance,
} from "./accounts";
import { createManualAccountSchema, editManualAccountSchema } from "./schema";

const day = (value: string) => new Date(`${value}T00:00:00Z`);

function addCash(userId: string, fields: Partial<Record<string, string>> = {}) {
  const input = createManualAccountSchema.parse({
    name: "Cash box",
    kind: "depository/savings",
    currency: "EUR",
    openingBalance: "250.00",
    openingDate: "2026-01-15",
    ...fields,
  });
  return createManualAccount({ userId, input });
}

/** The stated balances (the days between them are calculated: lib/accounts/balances/rebuild.ts). */
const points = (bankAccountId: string) =>
  db.accountBalance.findMany({
    where: { bankAccountId, source: { not: "calculated" } },
    orderBy: { asOfDate: "asc" },
  });

describe("manual accounts", () => {
  it("adds an account with its opening balance as a manual point, with no connection", async () => {
    const user = await createUser();
    const { id } = await addCash(user.id);
    const row = await db.bankAccount.findUniqueOrThrow({ where: { id } });
    expect(row).toMatchObject({ plaidConnectionId: null, accountId: `manual-${id}`, type: "depository" });
    expect(row).toMatchObject({ subtype: "savings", isoCurrencyCode: "EUR", name: "Cash box" });
    expect(row.currentBalance?.toFixed(2)).toBe("250.00");
    const [opening] = await points(id);
    expect(opening).toMatchObject({ source: "manual", balanceType: "current", currency: "EUR", isCurrent: true });
    expect(opening?.asOfDate.toISOString()).toBe("2026-01-15T00:00:00.000Z");
  });

  it("lists it in its own group with badge data and counts it in the totals", async () => {
    const { user } = await createUserWithAccount({ currentBalance: "1000.00" });
    const { id } = await addCash(user.id);
    await addCash(user.id, { name: "Car loan", kind: "loan/student", openingBalance: "400" });
    const dashboard = await getDashboard({ userId: user.id });
    expect(dashboard.manual.map((a) => [a.displayName, a.manual, a.institutionName])).toEqual([
      ["Cash box", true, "Manual account"],
      ["Car loan", true, "Manual account"],
    ]);
    expect(dashboard.institutions[0]?.accounts.every((a) => !a.manual)).toBe(true);
    // Per currency: the euro accounts are never added to the dollar one.
    const totals = dashboard.totals.byCurrency.map((t) => [t.currency, t.assets.toFixed(2), t.liabilities.toFixed(2)]);
    expect(totals).toEqual([
      ["EUR", "250.00", "400.00"],
      ["USD", "1000.00", "0.00"],
    ]);

    // Aliases, colours and hiding apply as to any account.
    await createPreferences({ userId: user.id, bankAccountId: id, accountAlias: "Savings jar", hideAccount: true });
    const after = await getDashboard({ userId: user.id });
    expect(after.manual.map((a) => a.displayName)).toEqual(["Car loan"]);
    expect(after.hidden.map((a) => a.displayName)).toEqual(["Savings jar"]);
  });

  it("shows on the account page as manual, with no bank", async () => {
    const user = await createUser();
    const { id } = await addCash(user.id);
    const detail = await getAccountDetail({ userId: user.id, accountId: id });
    expect(detail).toMatchObject({ manual: true, plaidConnectionId: null, institutionName: "Manual account" });
  });

  it("updates the balance with a new manual point, now or at a day", async () => {
    const user = await createUser();
    const { id } = await addCash(user.id);
    expect(await recordManualBalance({ userId: user.id, accountId: id, amount: "300.50" })).toEqual({ changed: true });
    const backdated = { userId: user.id, accountId: id, amount: "275.00", asOfDate: day("2026-02-01") };
    expect(await recordManualBalance(backdated)).toEqual({ changed: true });

    const rows = await points(id);
    expect(rows.map((r) => [r.amount.toFixed(2), r.source, r.isCurrent])).toEqual([
      ["250.00", "manual", false],
      ["275.00", "manual", false],
      ["300.50", "manual", true],
    ]);
    const account = await db.bankAccount.findUniqueOrThrow({ where: { id } });
    expect(account.currentBalance?.toFixed(2)).toBe("300.50");
  });

  it("edits the name, kind and opening balance, keeping later points", async () => {
    const user = await createUser();
    const { id } = await addCash(user.id);
    await recordManualBalance({ userId: user.id, accountId: id, amount: "900.00", asOfDate: day("2026-03-01") });
    const form = {
      accountId: id,
      name: "Emergency fund",
      kind: "depository/money market",
      openingBalance: "200",
      openingDate: "2026-01-10",
    };
    const input = editManualAccountSchema.parse(form);
    await editManualAccount({ userId: user.id, input });

    const account = await db.bankAccount.findUniqueOrThrow({ where: { id } });
    expect(account).toMatchObject({ name: "Emergency fund", subtype: "money market" });
    expect(account.currentBalance?.toFixed(2)).toBe("900.00");
    const opening = await getManualOpening({ userId: user.id, accountId: id });
    expect(opening?.amount.toFixed(2)).toBe("200.00");
    expect(opening?.date.toISOString()).toBe("2026-01-10T00:00:00.000Z");
    expect((await points(id)).map((r) => r.amount.toFixed(2))).toEqual(["200.00", "900.00"]);

    // The opening cannot move past a later update: nothing changes.
    const late = editManualAccountSchema.parse({ ...form, name: "Late", openingDate: "2026-04-01" });
    await expect(editManualAccount({ userId: user.id, input: late })).rejects.toSatisfy((e) =>
      isAppError(e, "validation:invalid_date"),
    );
    expect((await db.bankAccount.findUniqueOrThrow({ where: { id } })).name).toBe("Emergency fund");
  });

  it("rebuilds its history when its kind changes the sign, and records a stated balance even when it agrees", async () => {
    const user = await createUser();
    const { id } = await addCash(user.id, {
      kind: "depository/checking",
      openingBalance: "500",
      openingDate: "2026-01-15",
    });
    await db.transaction.create({
      data: { bankAccountId: id, transactionId: `import-${id}`, amount: "100", date: day("2026-02-01"), name: "Shop" },
    });
    const form = { accountId: id, name: "Cash box", openingBalance: "500", openingDate: "2026-01-15" };
    await editManualAccount({
      userId: user.id,
      input: editManualAccountSchema.parse({ ...form, kind: "depository/checking" }),
    });
    const balance = async () => (await db.bankAccount.findUniqueOrThrow({ where: { id } })).currentBalance?.toFixed(2);
    // Money out lowers what a checking account holds...
    expect(await balance()).toBe("400.00");
    // ...and raises what a card owes: only the kind changed.
    await editManualAccount({
      userId: user.id,
      input: editManualAccountSchema.parse({ ...form, kind: "credit/credit card" }),
    });
    expect(await balance()).toBe("600.00");

    // The 600 today is calculated; the person stating 600 is a statement of its own.
    expect(await recordManualBalance({ userId: user.id, accountId: id, amount: "600" })).toEqual({ changed: true });
    const current = await db.accountBalance.findFirstOrThrow({ where: { bankAccountId: id, isCurrent: true } });
    expect([current.source, current.amount.toFixed(2)]).toEqual(["manual", "600.00"]);
  });

  it("deletes the account with its balances and transactions", async () => {
    const user = await createUser();
    const { id } = await addCash(user.id);
    await db.transaction.create({
      data: { bankAccountId: id, transactionId: `import-${id}`, amount: "5", date: day("2026-02-02"), name: "Tea" },
    });
    await deleteManualAccount({ userId: user.id, accountId: id });
    expect(await db.bankAccount.count({ where: { id } })).toBe(0);
    expect(await db.accountBalance.count({ where: { bankAccountId: id } })).toBe(0);
    expect(await db.transaction.count({ where: { bankAccountId: id } })).toBe(0);
    expect((await getDashboard({ userId: user.id })).manual).toEqual([]);
  });

  it("lets no one else touch it, and never changes a linked account", async () => {
    const owner = await createUser();
    const { id } = await addCash(owner.id);
    const stranger = await createUser();
    const notFound = (e: unknown) => isAppError(e, "account:not_found");
    await expect(recordManualBalance({ userId: stranger.id, accountId: id, amount: "1" })).rejects.toSatisfy(notFound);
    await expect(deleteManualAccount({ userId: stranger.id, accountId: id })).rejects.toSatisfy(notFound);
    const edit = editManualAccountSchema.parse({
      accountId: id,
      name: "Mine now",
      kind: "other/other",
      openingBalance: "0",
      openingDate: "2026-01-01",
    });
    await expect(editManualAccount({ userId: stranger.id, input: edit })).rejects.toSatisfy(notFound);
    expect(await db.bankAccount.findUniqueOrThrow({ where: { id } })).toMatchObject({ name: "Cash box" });
    expect(await points(id)).toHaveLength(1);

    const linked = await createUserWithAccount();
    await expect(deleteManualAccount({ userId: linked.user.id, accountId: linked.account.id })).rejects.toSatisfy((e) =>
      isAppError(e, "account:not_manual"),
    );
    expect(await db.bankAccount.count({ where: { id: linked.account.id } })).toBe(1);
  });

  it("appears in the views that joined connections", async () => {
    const user = await createUser();
    const { id } = await addCash(user.id);
    const active = await db.$queryRaw<{ id: string; latest_balance: string }[]>`
      SELECT id::text, latest_balance::text FROM active_bank_accounts WHERE user_id = ${user.id}::uuid`;
    expect(active).toEqual([{ id, latest_balance: "250.00" }]);
    const stats = await db.$queryRaw<{ total_syncs: number }[]>`
      SELECT total_syncs::int FROM sync_statistics WHERE bank_account_id = ${id}::uuid`;
    expect(stats).toEqual([{ total_syncs: 0 }]);
  });

  it("is refused by the database without its manual-<id> key", async () => {
    const user = await createUser();
    await expect(
      db.bankAccount.create({ data: { userId: user.id, accountId: "manual-whatever", name: "X", type: "other" } }),
    ).rejects.toThrow(/chk_bank_accounts_manual/);
  });
});
