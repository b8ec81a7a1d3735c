import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { createUserWithAccount } from "@/lib/test/factories";
import { updateBalance, updateBalances } from "./update-balance";

const history = (bankAccountId: string, balanceType = "current") =>
  db.accountBalance.findMany({ where: { bankAccountId, balanceType }, orderBy: { asOfDate: "asc" } });

const reload = (id: string) => db.bankAccount.findUniqueOrThrow({ where: { id } });

describe("updateBalance", () => {
  it("records the first balance as current and copies it to the account", async () => {
    const { account } = await createUserWithAccount();
    const result = await updateBalance({ accountId: account.id, balanceType: "current", amount: "1500" });

    expect(result.changed).toBe(true);
    expect(result.balance).toMatchObject({ balanceType: "current", currency: "USD", isCurrent: true, source: "plaid" });
    expect(result.balance.amount.toFixed(2)).toBe("1500.00");
    expect(result.balance.previousAmount).toBeNull();
    expect((await reload(account.id)).currentBalance?.toFixed(2)).toBe("1500.00");
  });

  it("retires the old current row and records the change from it", async () => {
    const { account } = await createUserWithAccount();
    const first = await updateBalance({ accountId: account.id, balanceType: "current", amount: "1500.00" });
    const second = await updateBalance({ accountId: account.id, balanceType: "current", amount: "1600.00" });

    expect(second.balance.previousAmount?.toFixed(2)).toBe("1500.00");
    expect(second.balance.changeAmount?.toFixed(2)).toBe("100.00");
    const rows = await history(account.id);
    expect(rows.map((row) => [row.id, row.isCurrent])).toEqual([
      [first.balance.id, false],
      [second.balance.id, true],
    ]);
    expect((await reload(account.id)).currentBalance?.toFixed(2)).toBe("1600.00");
  });

  it.each([
    ["available", "availableBalance"],
    ["credit_limit", "creditLimit"],
    ["payment_due", "paymentDue"],
  ] as const)("%s updates the account's %s column", async (balanceType, column) => {
    const { account } = await createUserWithAccount({ type: "credit", subtype: "credit card" });
    await updateBalance({ accountId: account.id, balanceType, amount: "321.09", source: "manual" });
    const after = await reload(account.id);
    expect(after[column]?.toFixed(2)).toBe("321.09");
    expect(after.currentBalance).toBeNull();
    expect((await history(account.id, balanceType))[0]?.source).toBe("manual");
  });

  it("records types without an account column in the history only", async () => {
    const { account } = await createUserWithAccount({ currentBalance: "10.00" });
    const result = await updateBalance({ accountId: account.id, balanceType: "pending", amount: "-12.50" });
    expect(result.balance.isCurrent).toBe(true);
    const after = await reload(account.id);
    expect(after.currentBalance?.toFixed(2)).toBe("10.00");
    expect(after.updatedAt).toEqual(account.updatedAt);
  });

  it("does nothing when the current row already has the amount and currency", async () => {
    const { account } = await createUserWithAccount();
    const first = await updateBalance({ accountId: account.id, balanceType: "current", amount: "99.90" });
    const again = await updateBalance({
      accountId: account.id,
      balanceType: "current",
      amount: "99.9",
      currency: "USD",
    });

    expect(again).toEqual({ changed: false, balance: first.balance });
    expect(await history(account.id)).toHaveLength(1);
  });

  it("repairs an account column that drifted from the unchanged current row", async () => {
    const { account } = await createUserWithAccount();
    await updateBalance({ accountId: account.id, balanceType: "current", amount: "50.00" });
    await db.bankAccount.update({ where: { id: account.id }, data: { currentBalance: "1.00" } });

    const again = await updateBalance({ accountId: account.id, balanceType: "current", amount: "50.00" });
    expect(again.changed).toBe(false);
    expect(await history(account.id)).toHaveLength(1);
    expect((await reload(account.id)).currentBalance?.toFixed(2)).toBe("50.00");
  });

  it("rounds to cents before comparing, as the column would", async () => {
    const { account } = await createUserWithAccount();
    await updateBalance({ accountId: account.id, balanceType: "current", amount: "10.00" });
    expect((await updateBalance({ accountId: account.id, balanceType: "current", amount: "10.004" })).changed).toBe(
      false,
    );
    expect((await updateBalance({ accountId: account.id, balanceType: "current", amount: "10.005" })).changed).toBe(
      true,
    );
  });

  it("takes the account's currency by default and rejects any other, writing nothing", async () => {
    const { account } = await createUserWithAccount({ isoCurrencyCode: "EUR", currentBalance: "5.00" });
    const result = await updateBalance({ accountId: account.id, balanceType: "current", amount: "7.00" });
    expect(result.balance.currency).toBe("EUR");

    const attempt = updateBalance({ accountId: account.id, balanceType: "current", amount: "8.00", currency: "USD" });
    await expect(attempt).rejects.toThrow(/USD does not match the account's currency EUR/);
    await expect(attempt).rejects.toMatchObject({ code: "balance:currency_mismatch" });
    expect(await history(account.id)).toHaveLength(1);
    expect((await reload(account.id)).currentBalance?.toFixed(2)).toBe("7.00");
  });

  it("keeps a backdated balance as history and leaves the account column alone", async () => {
    const { account } = await createUserWithAccount();
    await updateBalance({
      accountId: account.id,
      balanceType: "current",
      amount: "200.00",
      asOfDate: new Date("2026-05-02"),
    });
    const old = await updateBalance({
      accountId: account.id,
      balanceType: "current",
      amount: "150.00",
      asOfDate: new Date("2026-05-01"),
    });
    expect(old).toMatchObject({ changed: true, balance: { isCurrent: false } });
    expect((await reload(account.id)).currentBalance?.toFixed(2)).toBe("200.00");
  });

  it("is atomic: when the account update fails, the balance row is not kept either", async () => {
    const { account } = await createUserWithAccount({ type: "credit", creditLimit: "1000.00" });
    const before = await updateBalance({ accountId: account.id, balanceType: "credit_limit", amount: "1000.00" });

    // The balance row is valid, but bank_accounts' CHECK (credit_limit >= 0) fails the second write.
    await expect(
      updateBalance({ accountId: account.id, balanceType: "credit_limit", amount: "-1.00" }),
    ).rejects.toThrow();

    const rows = await history(account.id, "credit_limit");
    expect(rows.map((row) => [row.id, row.isCurrent])).toEqual([[before.balance.id, true]]);
    expect((await reload(account.id)).creditLimit?.toFixed(2)).toBe("1000.00");
  });

  it("serializes concurrent writers of one account and type: one current row, a consistent chain", async () => {
    const { account } = await createUserWithAccount();
    const amounts = ["1.00", "2.00", "3.00", "4.00", "5.00"];
    await Promise.all(
      amounts.map((amount) => updateBalance({ accountId: account.id, balanceType: "current", amount })),
    );

    const rows = await db.accountBalance.findMany({
      where: { bankAccountId: account.id },
      orderBy: { createdAt: "asc" },
    });
    expect(rows).toHaveLength(5);
    expect(rows.filter((row) => row.isCurrent)).toHaveLength(1);
    const current = rows.find((row) => row.isCurrent);
    expect((await reload(account.id)).currentBalance?.toFixed(2)).toBe(current?.amount.toFixed(2));
  });

  it("records a repeated amount once even when the writers race", async () => {
    const { account } = await createUserWithAccount();
    const results = await Promise.all(
      [1, 2, 3].map(() => updateBalance({ accountId: account.id, balanceType: "current", amount: "77.00" })),
    );
    expect(results.filter((result) => result.changed)).toHaveLength(1);
    expect(await history(account.id)).toHaveLength(1);
  });

  it("rejects an unknown account, an unknown type and a garbage amount before writing", async () => {
    const { account } = await createUserWithAccount();
    await expect(
      updateBalance({ accountId: "00000000-0000-4000-8000-000000000000", balanceType: "current", amount: "1" }),
    ).rejects.toMatchObject({ code: "balance:account_not_found" });
    await expect(updateBalance({ accountId: "not-a-uuid", balanceType: "current", amount: "1" })).rejects.toThrow(
      AppError,
    );
    await expect(
      updateBalance({ accountId: account.id, balanceType: "savings" as "current", amount: "1" }),
    ).rejects.toMatchObject({ code: "balance:invalid_type" });
    await expect(updateBalance({ accountId: account.id, balanceType: "current", amount: "NaN" })).rejects.toThrow(
      /decimal number/,
    );
    expect(await db.accountBalance.count({ where: { bankAccountId: account.id } })).toBe(0);
  });
});

describe("updateBalances", () => {
  it("records several accounts' values in one go, in the order given, skipping those unchanged", async () => {
    const { account: card } = await createUserWithAccount({ type: "credit", subtype: "credit card" });
    const { account: checking } = await createUserWithAccount();
    await updateBalance({ accountId: checking.id, balanceType: "current", amount: "10.00" });

    const results = await updateBalances([
      { accountId: card.id, balanceType: "payment_due", amount: "35.00" },
      { accountId: checking.id, balanceType: "current", amount: "10.00" },
      { accountId: card.id, balanceType: "credit_limit", amount: "2000.00" },
      { accountId: checking.id, balanceType: "available", amount: "8.50" },
    ]);

    expect(
      results.map((result) => [result.changed, result.balance.balanceType, result.balance.amount.toFixed(2)]),
    ).toEqual([
      [true, "payment_due", "35.00"],
      [false, "current", "10.00"],
      [true, "credit_limit", "2000.00"],
      [true, "available", "8.50"],
    ]);
    const cardAfter = await reload(card.id);
    expect([cardAfter.paymentDue?.toFixed(2), cardAfter.creditLimit?.toFixed(2)]).toEqual(["35.00", "2000.00"]);
    expect((await reload(checking.id)).availableBalance?.toFixed(2)).toBe("8.50");
    expect(await history(checking.id)).toHaveLength(1);

    const again = await updateBalances([{ accountId: card.id, balanceType: "payment_due", amount: "40.00" }]);
    expect(again[0]?.balance.previousAmount?.toFixed(2)).toBe("35.00");
    expect((await history(card.id, "payment_due")).map((row) => row.isCurrent)).toEqual([false, true]);
  });

  it("writes nothing when one value is refused", async () => {
    const { account: usd } = await createUserWithAccount();
    const { account: eur } = await createUserWithAccount({ isoCurrencyCode: "EUR" });
    const attempt = updateBalances([
      { accountId: usd.id, balanceType: "current", amount: "1.00" },
      { accountId: eur.id, balanceType: "current", amount: "2.00", currency: "USD" },
    ]);
    await expect(attempt).rejects.toMatchObject({ code: "balance:currency_mismatch" });
    expect(await db.accountBalance.count({ where: { bankAccountId: { in: [usd.id, eur.id] } } })).toBe(0);
    expect((await reload(usd.id)).currentBalance).toBeNull();
  });

  it("refuses the same account and type twice in one batch, and does nothing for none", async () => {
    const { account } = await createUserWithAccount();
    await expect(
      updateBalances([
        { accountId: account.id, balanceType: "current", amount: "1.00" },
        { accountId: account.id.toUpperCase(), balanceType: "current", amount: "2.00" },
      ]),
    ).rejects.toThrow(/twice in one batch/);
    expect(await updateBalances([])).toEqual([]);
    expect(await history(account.id)).toHaveLength(0);
  });

  it("does not deadlock against another batch taking the same locks in another order", async () => {
    const { account: first } = await createUserWithAccount();
    const { account: second } = await createUserWithAccount();
    await Promise.all(
      Array.from({ length: 6 }, (_, round) =>
        updateBalances(
          (round % 2 === 0 ? [first, second] : [second, first]).map((account) => ({
            accountId: account.id,
            balanceType: "current" as const,
            amount: `${round + 1}.00`,
          })),
        ),
      ),
    );
    for (const account of [first, second]) {
      const rows = await history(account.id);
      expect(rows.filter((row) => row.isCurrent)).toHaveLength(1);
      expect((await reload(account.id)).currentBalance?.toFixed(2)).toBe(
        rows.find((row) => row.isCurrent)?.amount.toFixed(2),
      );
    }
  });
});
