// /transactions/refresh: the item's next batch of changes (pending transactions post, an occasional
// edit or removal, new pending ones for user_transactions_dynamic) appended to its change log with
// the new balances, and a SYNC_UPDATES_AVAILABLE webhook when anything changed.
import "server-only";
import { isDynamicTransactionsUser } from "./credentials";
import { type EmulatorItem, itemAccounts } from "./items";
import { generateRefreshChanges } from "./sandbox";
import {
  appendTransactionEvents,
  loadLiveTransactions,
  type TransactionEvent,
  withLockedItem,
} from "./transactions-log";
import { sendItemWebhook, syncUpdatesAvailablePayload } from "./webhook-payloads";

export async function refreshTransactions({ item, now }: { item: EmulatorItem; now: Date }): Promise<number> {
  const { itemId } = item;
  const count = await withLockedItem(itemId, async (tx) => {
    // Read under the lock: the item as loaded for this request may predate a concurrent refresh.
    const current = await tx.plaidEmulatorItem.findUniqueOrThrow({ where: { itemId } });
    const changes = generateRefreshChanges({
      seed: current.seed,
      refreshIndex: current.refreshCount,
      accounts: itemAccounts(current),
      live: await loadLiveTransactions(itemId, tx),
      anchor: now,
      dynamic: isDynamicTransactionsUser(current.username),
    });
    const events: TransactionEvent[] = [
      ...changes.removed.map((transaction) => ({ kind: "removed" as const, transaction })),
      ...changes.added.map((transaction) => ({ kind: "added" as const, transaction })),
      ...changes.modified.map((transaction) => ({ kind: "modified" as const, transaction })),
    ];
    await appendTransactionEvents(tx, { itemId, events, accounts: changes.accounts, countRefresh: true });
    return events.length;
  });
  if (count > 0) sendItemWebhook(item, syncUpdatesAvailablePayload(itemId));
  return count;
}

/** Re-records one live transaction as modified: the mutate_during_pagination fault's change. */
export async function mutateOneTransaction(itemId: string): Promise<void> {
  await withLockedItem(itemId, async (tx) => {
    const transaction = (await loadLiveTransactions(itemId, tx)).at(-1);
    if (transaction) await appendTransactionEvents(tx, { itemId, events: [{ kind: "modified", transaction }] });
  });
}
