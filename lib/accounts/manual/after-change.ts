// The one place that runs after a manual account's balances or transactions change: a balance update,
// an opening balance edit, a statement import. Every manual use case calls it after its transaction
// has committed, so whatever is derived from the account's history hangs off this single hook.
import "server-only";
import { rebuildBalanceHistory } from "../balances/rebuild";

/**
 * The daily history rebuilt from the stated balances and the transactions (lib/accounts/balances/
 * rebuild.ts): days between stated balances worked back from the next one, days since the last worked
 * forward, and the account's current balance set to today's.
 */
export async function afterManualChange(accountId: string): Promise<void> {
  await rebuildBalanceHistory({ accountIds: [accountId] });
}
