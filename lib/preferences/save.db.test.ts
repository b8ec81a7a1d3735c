import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { isAppError } from "@/lib/errors";
import { createAccount, createPreferences, createUserWithAccount } from "@/lib/test/factories";
import { getEffectivePreferences } from "./resolve";
import { saveAccountDetails, saveAccountPreferences, saveAccountSettings, saveGlobalPreferences } from "./save";
import type { AccountPreferencesInput } from "./schema";

const INHERIT_ALL: AccountPreferencesInput = {
  accountAlias: null,
  accountColor: null,
  accountIcon: null,
  hideAccount: null,
  syncFrequency: null,
  balanceAlerts: null,
  balanceThreshold: null,
  lowBalanceAlert: null,
  lowBalanceThreshold: null,
  transactionNotifications: null,
  largeTransactionThreshold: null,
  unusualActivityAlerts: null,
  connectionExpiringAlert: null,
  inAppNotifications: null,
  emailNotifications: null,
  pushNotifications: null,
  smsNotifications: null,
  notificationFrequency: null,
};

async function notFound(work: Promise<unknown>) {
  const error = await work.then(
    () => null,
    (thrown: unknown) => thrown,
  );
  expect(isAppError(error, "account:not_found")).toBe(true);
}

const rowsOf = (userId: string) => db.bankingPreferences.findMany({ where: { userId } });

describe("saveGlobalPreferences", () => {
  it("creates the one global row, then updates it, writing only the fields given", async () => {
    const { user } = await createUserWithAccount();
    await saveGlobalPreferences({
      userId: user.id,
      input: { lowBalanceAlert: true, lowBalanceThreshold: "250.5", defaultCurrency: "EUR", timeFormat: "24h" },
    });
    await saveGlobalPreferences({ userId: user.id, input: { timeFormat: "12h", showBalances: false } });

    const rows = await rowsOf(user.id);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      bankAccountId: null,
      lowBalanceAlert: true,
      defaultCurrency: "EUR",
      timeFormat: "12h",
    });
    expect(rows[0]?.lowBalanceThreshold?.toFixed(2)).toBe("250.50");
    // Never given: still inherits Mingus's default.
    expect(rows[0]?.emailNotifications).toBeNull();

    const { values, sources } = await getEffectivePreferences({ userId: user.id });
    expect(values).toMatchObject({ showBalances: false, defaultCurrency: "EUR", emailNotifications: true });
    expect(sources).toMatchObject({ showBalances: "global", emailNotifications: "default" });
  });

  it("never touches another user's global row", async () => {
    const me = await createUserWithAccount();
    const other = await createUserWithAccount();
    await createPreferences({ userId: other.user.id, defaultCurrency: "GBP" });
    await saveGlobalPreferences({ userId: me.user.id, input: { defaultCurrency: "JPY" } });
    expect((await rowsOf(other.user.id))[0]?.defaultCurrency).toBe("GBP");
  });
});

describe("saveAccountPreferences", () => {
  it("upserts the account's one row; null clears an override back to the global value", async () => {
    const { user, account } = await createUserWithAccount();
    await saveGlobalPreferences({ userId: user.id, input: { lowBalanceAlert: true, lowBalanceThreshold: "500" } });
    const input = { ...INHERIT_ALL, accountAlias: "Bills", accountColor: "#2E7D32", lowBalanceThreshold: "100" };
    await saveAccountPreferences({ userId: user.id, bankAccountId: account.id, input });

    let effective = await getEffectivePreferences({ userId: user.id, bankAccountId: account.id });
    expect(effective.values.lowBalanceThreshold?.toFixed(2)).toBe("100.00");
    expect(effective.sources).toMatchObject({ lowBalanceThreshold: "account", lowBalanceAlert: "global" });
    expect(effective.values.accountAlias).toBe("Bills");

    await saveAccountPreferences({ userId: user.id, bankAccountId: account.id, input: INHERIT_ALL });
    effective = await getEffectivePreferences({ userId: user.id, bankAccountId: account.id });
    expect(effective.values.lowBalanceThreshold?.toFixed(2)).toBe("500.00");
    expect(effective.sources.lowBalanceThreshold).toBe("global");
    expect(effective.values.accountAlias).toBeNull();
    expect(await db.bankingPreferences.count({ where: { userId: user.id, bankAccountId: account.id } })).toBe(1);
  });

  it("refuses another user's account, and a malformed id, as not found, writing nothing", async () => {
    const me = await createUserWithAccount();
    const stranger = await createUserWithAccount();
    await createPreferences({ userId: stranger.user.id, bankAccountId: stranger.account.id, accountAlias: "Theirs" });

    const input = { ...INHERIT_ALL, accountAlias: "Mine now" };
    await notFound(saveAccountPreferences({ userId: me.user.id, bankAccountId: stranger.account.id, input }));
    await notFound(saveAccountPreferences({ userId: me.user.id, bankAccountId: "not-a-uuid", input }));

    expect(await rowsOf(me.user.id)).toEqual([]);
    expect((await rowsOf(stranger.user.id))[0]?.accountAlias).toBe("Theirs");
  });
});

describe("saveAccountDetails", () => {
  it("writes the account's notes and tags", async () => {
    const { user, account } = await createUserWithAccount();
    await saveAccountDetails({ userId: user.id, bankAccountId: account.id, notes: "Rent", tags: ["bills", "home"] });
    expect(await db.bankAccount.findUnique({ where: { id: account.id } })).toMatchObject({
      notes: "Rent",
      tags: ["bills", "home"],
    });
  });

  it("refuses another user's account and leaves it as it was", async () => {
    const me = await createUserWithAccount();
    const stranger = await createUserWithAccount({ notes: "Private", tags: ["theirs"] });
    await notFound(
      saveAccountDetails({ userId: me.user.id, bankAccountId: stranger.account.id, notes: "Hacked", tags: [] }),
    );
    expect(await db.bankAccount.findUnique({ where: { id: stranger.account.id } })).toMatchObject({
      notes: "Private",
      tags: ["theirs"],
    });
  });
});

describe("saveAccountSettings", () => {
  it("saves details and preferences together", async () => {
    const { user, account } = await createUserWithAccount();
    await saveAccountSettings({
      userId: user.id,
      bankAccountId: account.id,
      details: { notes: "Joint", tags: ["shared"] },
      preferences: { ...INHERIT_ALL, hideAccount: true, emailNotifications: false },
    });
    expect((await db.bankAccount.findUnique({ where: { id: account.id } }))?.notes).toBe("Joint");
    const { values } = await getEffectivePreferences({ userId: user.id, bankAccountId: account.id });
    expect(values).toMatchObject({ hideAccount: true, emailNotifications: false });
  });

  it("is all or nothing: when the database refuses a preference, the notes are not changed either", async () => {
    const { user, connection } = await createUserWithAccount();
    const account = await createAccount({ userId: user.id, plaidConnectionId: connection.id, notes: "Before" });
    // Past the form's validation (a caller that skipped it): the CHECK constraint refuses the colour.
    const preferences = { ...INHERIT_ALL, accountAlias: "After", accountColor: "#12345" };
    await expect(
      saveAccountSettings({
        userId: user.id,
        bankAccountId: account.id,
        details: { notes: "After", tags: [] },
        preferences,
      }),
    ).rejects.toThrow();

    expect((await db.bankAccount.findUnique({ where: { id: account.id } }))?.notes).toBe("Before");
    expect(await rowsOf(user.id)).toEqual([]);
  });
});
