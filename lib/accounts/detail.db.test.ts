import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { createPreferences, createUser, createUserWithAccount } from "@/lib/test/factories";
import { getAccountDetail } from "./detail";

describe("getAccountDetail", () => {
  it("shows the alias, colour and icon of the account's preferences over the bank's name", async () => {
    const { user, account } = await createUserWithAccount({
      name: "Plaid Checking",
      currentBalance: "1234.56",
      availableBalance: "1200.00",
      interestRate: 0.01,
      minimumBalance: "0.00",
      monthlyFee: "5.00",
      accountNumber: "••••0000",
      routingNumber: "•••••0021",
      tags: ["everyday", 7, "bills"],
      notes: "Payroll lands here.",
    });
    await createPreferences({ userId: user.id, showBalances: true });
    await createPreferences({
      userId: user.id,
      bankAccountId: account.id,
      accountAlias: "Everyday",
      accountColor: "#2E7D32",
      accountIcon: "wallet",
    });

    const detail = await getAccountDetail({ userId: user.id, accountId: account.id });
    expect(detail).toMatchObject({
      id: account.id,
      displayName: "Everyday",
      name: "Plaid Checking",
      color: "#2E7D32",
      icon: "wallet",
      institutionName: "First Platypus Bank",
      mask: "0000",
      interestRate: 0.01,
      accountNumber: "••••0000",
      routingNumber: "•••••0021",
      notes: "Payroll lands here.",
      // A non-string tag in the jsonb column is dropped rather than shown as "7".
      tags: ["everyday", "bills"],
    });
    expect(detail?.current?.toFixed(2)).toBe("1234.56");
    expect(detail?.monthlyFee?.toFixed(2)).toBe("5.00");
  });

  it("falls back to the bank's name without an alias, and accepts an upper-case id", async () => {
    const { user, account } = await createUserWithAccount({ name: "Plaid Saving" });
    const detail = await getAccountDetail({ userId: user.id, accountId: account.id.toUpperCase() });
    expect(detail).toMatchObject({ displayName: "Plaid Saving", color: null, icon: null, tags: [] });
  });

  it("is null for another user's account, an unknown id and a malformed id", async () => {
    const { account } = await createUserWithAccount();
    const stranger = await createUser();
    expect(await getAccountDetail({ userId: stranger.id, accountId: account.id })).toBeNull();
    expect(await getAccountDetail({ userId: stranger.id, accountId: randomUUID() })).toBeNull();
    expect(await getAccountDetail({ userId: stranger.id, accountId: "not-a-uuid'--" })).toBeNull();
  });
});
