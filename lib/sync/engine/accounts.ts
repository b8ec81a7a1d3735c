// A connection's accounts as the sync engine needs them: Plaid's account_id → bank_accounts.id, read
// once per run, and the accounts Plaid reports that Mingus does not have yet (one the person added in
// Link's update mode) created from Plaid's own description, so their transactions are not lost.
import "server-only";
import type { AccountBase } from "plaid";
import { toLinkedAccountRows } from "@/lib/accounts";
import { db } from "@/lib/db";

export type AccountMap = Map<string, string>;

export async function loadAccountMap({ connectionId }: { connectionId: string }): Promise<AccountMap> {
  const accounts = await db.bankAccount.findMany({
    where: { plaidConnectionId: connectionId },
    select: { id: true, accountId: true },
  });
  return new Map(accounts.map((account) => [account.accountId, account.id]));
}

/**
 * Creates the accounts of `accounts` the map lacks, with their first balance rows, and adds them to
 * the map. Returns how many were created. An account id Plaid does not describe stays unknown.
 */
export async function ensureAccounts({
  connectionId,
  accountMap,
  accounts,
  now = new Date(),
}: {
  connectionId: string;
  accountMap: AccountMap;
  accounts: AccountBase[];
  now?: Date;
}): Promise<number> {
  const missing = accounts.filter((account) => !accountMap.has(account.account_id));
  if (missing.length === 0) return 0;
  const { userId } = await db.plaidConnection.findUniqueOrThrow({
    where: { id: connectionId },
    select: { userId: true },
  });
  const rows = toLinkedAccountRows({ accounts: missing, userId, connectionId, asOf: now });
  const created = await db.$transaction(async (tx) => {
    // skipDuplicates: one created meanwhile (a concurrent link repair) is kept, and its balances not doubled.
    const inserted = await tx.bankAccount.createManyAndReturn({
      data: rows.accounts,
      skipDuplicates: true,
      select: { id: true, accountId: true },
    });
    const ids = new Set(inserted.map((account) => account.id));
    await tx.accountBalance.createMany({ data: rows.balances.filter((balance) => ids.has(balance.bankAccountId)) });
    return inserted;
  });
  for (const account of created) accountMap.set(account.accountId, account.id);
  // Any skipped as duplicates exist already: read them back so the map is complete.
  if (created.length < missing.length) {
    for (const [accountId, id] of await loadAccountMap({ connectionId })) accountMap.set(accountId, id);
  }
  return created.length;
}
