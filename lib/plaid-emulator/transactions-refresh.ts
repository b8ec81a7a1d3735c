// /transactions/refresh: the item's next batch of changes (pending transactions post, an occasional
// edit or removal, new pending ones for user_transactions_dynamic) appended to its change log with
// the new balances, and a SYNC_UPDATES_AVAILABLE webhook when anything changed.
import "server-only";
import { isDynamicTransactionsUser } from "./credentials";
import { type EmulatorItem, itemAccounts } from "./items";
import { generateRefreshChanges } from "./sandbox";
import { appendTransactionEvents, loadLiveTransactions, type TransactionEvent } from "./transactions-log";
import { sendItemWebhook, syncUpdatesAvailablePayload } from "./webhook-payloads";

export async function refreshTransactions({ item, now }: { item: EmulatorItem; now: Date }): Promise<number> {
  const live = await loadLiveTransactions(item.itemId);
  const changes = generateRefreshChanges({
    seed: item.seed,
    refreshIndex: item.refreshCount,
    accounts: itemAccounts(item),
    live,
    anchor: now,
    dynamic: isDynamicTransactionsUser(item.username),
  });
  const events: TransactionEvent[] = [
    ...changes.removed.map((transaction) => ({ kind: "removed" as const, transaction })),
    ...changes.added.map((transaction) => ({ kind: "added" as const, transaction })),
    ...changes.modified.map((transaction) => ({ kind: "modified" as const, transaction })),
  ];
  await appendTransactionEvents({ itemId: item.itemId, events, accounts: changes.accounts, countRefresh: true });
  if (events.length > 0) sendItemWebhook(item, syncUpdatesAvailablePayload(item.itemId));
  return events.length;
}

/** Re-records one live transaction as modified: the mutate_during_pagination fault's change. */
export async function mutateOneTransaction(itemId: string): Promise<void> {
  const live = await loadLiveTransactions(itemId);
  const transaction = live.at(-1);
  if (!transaction) return;
  await appendTransactionEvents({ itemId, events: [{ kind: "modified", transaction }] });
}
