// A manual account's alerts run on its own balance after a manual update: low balance fires once on
// the way down, stays quiet for a hidden account, and never touches a linked account.
import { describe, expect, it } from "vitest";
import { createManualAccount, createManualAccountSchema, recordManualBalance } from "@/lib/accounts/manual";
import { db } from "@/lib/db";
import { createPreferences, createUser, createUserWithAccount } from "@/lib/test/factories";
import { evaluateManualAccountAlerts } from "./evaluate-manual";

const channels = new Set<never>();

async function manualAccount(openingBalance: string) {
  const user = await createUser();
  const input = createManualAccountSchema.parse({
    name: "Wallet",
    kind: "depository/checking",
    currency: "USD",
    openingBalance,
    openingDate: "2026-01-01",
  });
  const { id } = await createManualAccount({ userId: user.id, input });
  return { userId: user.id, accountId: id };
}

const notifications = (bankAccountId: string) => db.notification.findMany({ where: { bankAccountId } });

describe("manual account alerts", () => {
  it("fires a low-balance alert once when a manual update takes the balance below the threshold", async () => {
    const { userId, accountId } = await manualAccount("500.00");
    await createPreferences({ userId, lowBalanceAlert: true, lowBalanceThreshold: "100" });
    await evaluateManualAccountAlerts({ accountId, channels });
    expect(await notifications(accountId)).toHaveLength(0);

    await recordManualBalance({ userId, accountId, amount: "42.10" });
    await evaluateManualAccountAlerts({ accountId, channels });
    await evaluateManualAccountAlerts({ accountId, channels });
    const found = await notifications(accountId);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ kind: "low_balance", userId, inApp: true });
    expect(found[0]?.body).toContain("$42.10");
  });

  it("keeps a hidden account silent, and leaves linked accounts to their connection", async () => {
    const { userId, accountId } = await manualAccount("500.00");
    await createPreferences({ userId, lowBalanceAlert: true, lowBalanceThreshold: "100" });
    await createPreferences({ userId, bankAccountId: accountId, hideAccount: true });
    await evaluateManualAccountAlerts({ accountId, channels });
    await recordManualBalance({ userId, accountId, amount: "10.00" });
    expect(await evaluateManualAccountAlerts({ accountId, channels })).toEqual({ notifications: 0, dueMessageIds: [] });
    expect(await notifications(accountId)).toHaveLength(0);

    const linked = await createUserWithAccount({ availableBalance: "1.00" });
    expect(await evaluateManualAccountAlerts({ accountId: linked.account.id, channels })).toEqual({
      notifications: 0,
      dueMessageIds: [],
    });
    expect(await db.alertState.count({ where: { bankAccountId: linked.account.id } })).toBe(0);
  });
});
