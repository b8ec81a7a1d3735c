import { describe, expect, it } from "vitest";
import { db, type Prisma } from "@/lib/db";
import { createAccount, createUserWithAccount } from "@/lib/test/factories";
import { DEFAULT_PREFERENCES } from "./defaults";
import { getEffectivePreferences } from "./resolve";

const savePreferences = (data: Prisma.BankingPreferencesUncheckedCreateInput) => db.bankingPreferences.create({ data });

describe("getEffectivePreferences", () => {
  it("none: every value is the default", async () => {
    const { user, account } = await createUserWithAccount();
    const { values, sources } = await getEffectivePreferences({ userId: user.id, bankAccountId: account.id });
    expect(values).toEqual(DEFAULT_PREFERENCES);
    expect(sources.syncFrequency).toBe("default");
  });

  it("global only: applies to the user and to each of their accounts", async () => {
    const { user, account } = await createUserWithAccount();
    await savePreferences({ userId: user.id, syncFrequency: "weekly", lowBalanceThreshold: "75.00" });

    for (const bankAccountId of [undefined, account.id]) {
      const { values, sources } = await getEffectivePreferences({ userId: user.id, bankAccountId });
      expect(values.syncFrequency).toBe("weekly");
      expect(values.lowBalanceThreshold?.toFixed(2)).toBe("75.00");
      expect(sources).toMatchObject({ syncFrequency: "global", lowBalanceThreshold: "global", autoSync: "default" });
    }
  });

  it("account only: applies to that account, not to the user's global view", async () => {
    const { user, account } = await createUserWithAccount();
    await savePreferences({ userId: user.id, bankAccountId: account.id, hideAccount: true, pushNotifications: true });

    const forAccount = await getEffectivePreferences({ userId: user.id, bankAccountId: account.id });
    expect(forAccount.values).toMatchObject({ hideAccount: true, pushNotifications: true, syncFrequency: "daily" });
    expect(forAccount.sources).toMatchObject({ hideAccount: "account", syncFrequency: "default" });

    const global = await getEffectivePreferences({ userId: user.id });
    expect(global.values).toMatchObject({ hideAccount: false, pushNotifications: false });
  });

  it("both: the account row wins where it is set, the global row fills the rest", async () => {
    const { user, account } = await createUserWithAccount();
    await savePreferences({ userId: user.id, syncFrequency: "weekly", emailNotifications: false, balanceAlerts: true });
    await savePreferences({
      userId: user.id,
      bankAccountId: account.id,
      syncFrequency: "hourly",
      balanceAlerts: false,
    });

    const { values, sources } = await getEffectivePreferences({ userId: user.id, bankAccountId: account.id });
    expect(values).toMatchObject({ syncFrequency: "hourly", balanceAlerts: false, emailNotifications: false });
    expect(sources).toMatchObject({ syncFrequency: "account", balanceAlerts: "account", emailNotifications: "global" });
  });

  it("ignores the row of another account of the same user", async () => {
    const { user, connection, account } = await createUserWithAccount();
    const other = await createAccount({ userId: user.id, plaidConnectionId: connection.id });
    await savePreferences({ userId: user.id, bankAccountId: other.id, accountAlias: "Savings" });

    const { values } = await getEffectivePreferences({ userId: user.id, bankAccountId: account.id });
    expect(values.accountAlias).toBeNull();
  });

  it("never uses another user's rows, even when asked for their account", async () => {
    const me = await createUserWithAccount();
    const stranger = await createUserWithAccount();
    await savePreferences({ userId: stranger.user.id, syncFrequency: "manual", smsNotifications: true });
    await savePreferences({
      userId: stranger.user.id,
      bankAccountId: stranger.account.id,
      accountAlias: "Secret",
      hideAccount: true,
    });

    const mine = await getEffectivePreferences({ userId: me.user.id, bankAccountId: me.account.id });
    expect(mine.values).toEqual(DEFAULT_PREFERENCES);

    const probing = await getEffectivePreferences({ userId: me.user.id, bankAccountId: stranger.account.id });
    expect(probing.values).toEqual(DEFAULT_PREFERENCES);
    expect(new Set(Object.values(probing.sources))).toEqual(new Set(["default"]));
  });
});
