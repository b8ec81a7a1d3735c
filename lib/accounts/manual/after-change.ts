// The one place that runs when a manual account's balances or transactions change: its creation, a
// balance update, an edit, a statement import. Every manual use case calls it inside its own
// transaction, after the account's row lock, so the change and what is derived from it land together
// or not at all (and in the lock order every writer of the account uses: row, then balance lock).
import "server-only";
import type { Prisma } from "@/lib/db";
import { rebuildBalanceHistory } from "../balances/rebuild";

/**
 * The daily history rebuilt from the stated balances and the transactions (lib/accounts/balances/
 * rebuild.ts): days between stated balances worked back from the next one, days since the last worked
 * forward, and the account's current balance set to today's.
 */
export async function afterManualChange(tx: Prisma.TransactionClient, accountId: string): Promise<void> {
  await rebuildBalanceHistory({ accountIds: [accountId], tx });
}
