import { beforeEach, describe, expect, it, vi } from "vitest";
import { db } from "@/lib/db";
import { createPreferences, createUserWithAccount } from "@/lib/test/factories";

const session = vi.hoisted(() => ({ user: null as null | { id: string; email: string; name: null; role: "user" } }));
vi.mock("@/lib/auth/session", () => ({ getCurrentUser: async () => session.user }));
vi.mock("next/cache", () => ({ revalidatePath: vi.fn() }));

const { saveAccountSettingsAction } = await import("./actions");

const INHERIT = Object.fromEntries(
  [
    "syncFrequency",
    "notificationFrequency",
    "balanceAlerts",
    "lowBalanceAlert",
    "transactionNotifications",
    "unusualActivityAlerts",
    "connectionExpiringAlert",
    "inAppNotifications",
    "emailNotifications",
    "pushNotifications",
    "smsNotifications",
  ].map((field) => [field, "inherit"]),
);

function submit(fields: Record<string, string>) {
  const form = new FormData();
  for (const [name, value] of Object.entries({ ...INHERIT, ...fields })) form.set(name, value);
  return saveAccountSettingsAction({}, form);
}

async function signedInWithAccount() {
  const owner = await createUserWithAccount({ notes: "Before", tags: ["old"] });
  session.user = { id: owner.user.id, email: owner.user.email, name: null, role: "user" };
  await createPreferences({ userId: owner.user.id, bankAccountId: owner.account.id, accountAlias: "Old alias" });
  return owner;
}

async function snapshot(bankAccountId: string) {
  const account = await db.bankAccount.findUniqueOrThrow({ where: { id: bankAccountId } });
  const row = await db.bankingPreferences.findFirst({ where: { bankAccountId } });
  return { notes: account.notes, tags: account.tags, row };
}

describe("saveAccountSettingsAction", () => {
  beforeEach(() => {
    session.user = null;
  });

  it("saves alias, colour, notes, tags and an override together", async () => {
    const { account } = await signedInWithAccount();
    const result = await submit({
      bankAccountId: account.id,
      accountAlias: "Bills",
      accountColor: "#c2185b",
      notes: "Rent and utilities",
      tags: "bills, home",
      pushNotifications: "on",
      lowBalanceThresholdOverride: "on",
      lowBalanceThreshold: "80",
    });
    expect(result).toEqual({ ok: true, message: "Saved." });
    const saved = await snapshot(account.id);
    expect(saved).toMatchObject({ notes: "Rent and utilities", tags: ["bills", "home"] });
    expect(saved.row).toMatchObject({ accountAlias: "Bills", accountColor: "#C2185B", pushNotifications: true });
    expect(saved.row?.lowBalanceThreshold?.toFixed(2)).toBe("80.00");
  });

  it("writes nothing, not even the valid fields, when one field is invalid", async () => {
    const { account } = await signedInWithAccount();
    const before = await snapshot(account.id);
    const result = await submit({
      bankAccountId: account.id,
      accountAlias: "Valid alias",
      notes: "Valid notes",
      accountColor: "#12345",
      balanceThresholdOverride: "on",
      balanceThreshold: "-1",
    });
    expect(result.message).toBe("Nothing was saved. Check the highlighted fields.");
    expect(Object.keys(result.errors ?? {}).sort()).toEqual(["accountColor", "balanceThreshold"]);
    expect(await snapshot(account.id)).toEqual(before);
  });

  it("answers another user's account as not found and leaves it alone", async () => {
    const stranger = await createUserWithAccount({ notes: "Theirs" });
    await signedInWithAccount();
    const result = await submit({ bankAccountId: stranger.account.id, accountAlias: "Mine", notes: "Mine" });
    expect(result).toEqual({ message: "This account does not exist." });
    expect(await snapshot(stranger.account.id)).toEqual({ notes: "Theirs", tags: [], row: null });
  });
});
