// The one place that runs after a manual account's balances or transactions change: a balance update,
// an opening balance edit, a statement import. Every manual use case calls it after its transaction
// has committed, so whatever is derived from the account's history hangs off this single hook.
import "server-only";

/**
 * MERGE POINT: the balance history rebuild (`rebuildBalanceHistory({ accountIds: [accountId] })` in
 * lib/accounts/balances/rebuild.ts, written on main) is wired in here. It reconstructs the daily
 * 'calculated' rows forward from the last manual point and keeps bank_accounts.current_balance right.
 * Until it lands nothing is derived: the manual points themselves are the account's history, and
 * updateBalance already keeps current_balance equal to the newest one.
 */
export async function afterManualChange(accountId: string): Promise<void> {
  void accountId;
}
