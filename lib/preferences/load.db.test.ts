import { describe, expect, it } from "vitest";
import { createAccount, createPreferences, createUserWithAccount } from "@/lib/test/factories";
import { getAccountSettings, getGlobalSettings, listAccountLinks } from "./load";

describe("getAccountSettings", () => {
  it("gives the account's own values, and what each field inherits from where", async () => {
    const { user, account } = await createUserWithAccount({ notes: "Rent", tags: ["bills", 7, "home"] });
    await createPreferences({
      userId: user.id,
      lowBalanceAlert: true,
      lowBalanceThreshold: "500",
      emailNotifications: false,
    });
    await createPreferences({
      userId: user.id,
      bankAccountId: account.id,
      accountAlias: "Bills",
      lowBalanceThreshold: "75",
    });

    const settings = await getAccountSettings({ userId: user.id, bankAccountId: account.id.toUpperCase() });
    expect(settings?.account).toMatchObject({
      id: account.id,
      name: "Plaid Checking",
      notes: "Rent",
      tags: ["bills", "home"],
    });
    expect(settings?.stored).toMatchObject({
      accountAlias: "Bills",
      lowBalanceThreshold: "75.00",
      lowBalanceAlert: null,
    });
    expect(settings?.inherited.values).toMatchObject({ lowBalanceThreshold: "500.00", emailNotifications: false });
    expect(settings?.inherited.sources).toMatchObject({
      lowBalanceThreshold: "global",
      emailNotifications: "global",
      pushNotifications: "default",
    });
  });

  it("has every stored field null for an account without its own row", async () => {
    const { user, account } = await createUserWithAccount();
    const settings = await getAccountSettings({ userId: user.id, bankAccountId: account.id });
    expect(new Set(Object.values(settings?.stored ?? { x: "missing" }))).toEqual(new Set([null]));
    expect(new Set(Object.values(settings?.inherited.sources ?? {}))).toEqual(new Set(["default"]));
  });

  it("is null for another user's account and for a malformed id", async () => {
    const me = await createUserWithAccount();
    const stranger = await createUserWithAccount();
    expect(await getAccountSettings({ userId: me.user.id, bankAccountId: stranger.account.id })).toBeNull();
    expect(await getAccountSettings({ userId: me.user.id, bankAccountId: "42" })).toBeNull();
  });

  it("inherits from the user's own global row, never another user's", async () => {
    const me = await createUserWithAccount();
    const stranger = await createUserWithAccount();
    await createPreferences({ userId: stranger.user.id, smsNotifications: true });
    const settings = await getAccountSettings({ userId: me.user.id, bankAccountId: me.account.id });
    expect(settings?.inherited.values.smsNotifications).toBe(false);
    expect(settings?.inherited.sources.smsNotifications).toBe("default");
  });
});

describe("getGlobalSettings", () => {
  it("gives the global row's values over the defaults, thresholds as strings", async () => {
    const { user } = await createUserWithAccount();
    await createPreferences({ userId: user.id, dateFormat: "yyyy-MM-dd", balanceThreshold: "0" });
    const { values, sources } = await getGlobalSettings({ userId: user.id });
    expect(values).toMatchObject({ dateFormat: "yyyy-MM-dd", balanceThreshold: "0.00", timeFormat: "12h" });
    expect(sources).toMatchObject({ dateFormat: "global", timeFormat: "default" });
  });
});

describe("listAccountLinks", () => {
  it("lists only the user's accounts, by the name shown, with alias and hidden flag", async () => {
    const { user, connection, account } = await createUserWithAccount({ name: "Plaid Checking" });
    const savings = await createAccount({ userId: user.id, plaidConnectionId: connection.id, name: "Plaid Saving" });
    await createPreferences({ userId: user.id, bankAccountId: savings.id, accountAlias: "Attic", hideAccount: true });
    await createUserWithAccount({ name: "Stranger's account" });

    expect(await listAccountLinks({ userId: user.id })).toEqual([
      expect.objectContaining({ id: savings.id, name: "Plaid Saving", alias: "Attic", hidden: true }),
      expect.objectContaining({ id: account.id, name: "Plaid Checking", alias: null, hidden: false }),
    ]);
  });
});
