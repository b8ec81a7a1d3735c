// A connection's accounts brought in line with the accounts Plaid says the person shares, after Link's
// update mode with account selection: an account added there becomes a row (with its first balances),
// one no longer shared is marked closed with its history kept, and one shared again is reopened.
import "server-only";
import type { AccountBase } from "plaid";
import { db } from "@/lib/db";
import { toLinkedAccountRows } from "./from-plaid";

export type AccountChanges = {
  /** Accounts new to Mingus, in Plaid's order. */
  added: string[];
  /** Accounts no longer shared: closed, their history kept. */
  closed: string[];
  /** Closed accounts shared again. */
  reopened: string[];
};

export async function reconcileAccounts({
  connectionId,
  userId,
  accounts,
  now = new Date(),
}: {
  connectionId: string;
  userId: string;
  accounts: AccountBase[];
  now?: Date;
}): Promise<AccountChanges> {
  return db.$transaction(async (tx) => {
    const rows = await tx.bankAccount.findMany({
      where: { plaidConnectionId: connectionId, userId },
      select: { id: true, accountId: true, name: true, status: true },
    });
    const known = new Map(rows.map((row) => [row.accountId, row]));
    const shared = new Set(accounts.map((account) => account.account_id));

    const missing = accounts.filter((account) => !known.has(account.account_id));
    const created = toLinkedAccountRows({ accounts: missing, userId, connectionId, asOf: now });
    // skipDuplicates: a sync that met the same new account meanwhile created it already.
    const inserted = await tx.bankAccount.createManyAndReturn({
      data: created.accounts,
      skipDuplicates: true,
      select: { id: true, name: true },
    });
    const insertedIds = new Set(inserted.map((account) => account.id));
    await tx.accountBalance.createMany({
      data: created.balances.filter((balance) => insertedIds.has(balance.bankAccountId)),
    });

    const closing = rows.filter((row) => !shared.has(row.accountId) && row.status !== "closed");
    const reopening = rows.filter((row) => shared.has(row.accountId) && row.status === "closed");
    if (closing.length > 0) {
      await tx.bankAccount.updateMany({
        where: { id: { in: closing.map((row) => row.id) } },
        data: { status: "closed" },
      });
    }
    if (reopening.length > 0) {
      await tx.bankAccount.updateMany({
        where: { id: { in: reopening.map((row) => row.id) } },
        data: { status: "active" },
      });
    }
    return {
      added: inserted.map((account) => account.name),
      closed: closing.map((row) => row.name),
      reopened: reopening.map((row) => row.name),
    };
  });
}
