// /transactions/refresh: the item's next batch of changes (pending transactions post, an occasional
// edit or removal, new pending ones for user_transactions_dynamic) appended to its change log with
// the new balances, and a SYNC_UPDATES_AVAILABLE webhook when anything changed.
import { isDynamicTransactionsUser } from "./credentials.ts";
import type { EmulatorItem } from "./items.ts";
import { readLockedItem } from "./items.ts";
import { generateRefreshChanges } from "./sandbox/index.ts";
import type { EmulatorStore } from "./store/store.ts";
import {
  appendTransactionEvents,
  loadLiveTransactions,
  type TransactionEvent,
  withLockedItem,
} from "./transactions-log.ts";
import { sendItemWebhook, syncUpdatesAvailablePayload } from "./webhook-payloads.ts";
import type { WebhookSender } from "./webhooks.ts";

export async function refreshTransactions({
  store,
  webhooks,
  item,
  now,
}: {
  store: EmulatorStore;
  webhooks: WebhookSender;
  item: EmulatorItem;
  now: Date;
}): Promise<number> {
  const { itemId } = item;
  const count = await withLockedItem(store, itemId, async (tx) => {
    // Read under the lock: the item as loaded for this request may predate a concurrent refresh.
    const current = await readLockedItem(tx, itemId);
    const changes = generateRefreshChanges({
      seed: current.seed,
      refreshIndex: current.refreshCount,
      accounts: current.accounts,
      live: await loadLiveTransactions(tx, itemId),
      anchor: now,
      dynamic: isDynamicTransactionsUser(current.username),
    });
    const events: TransactionEvent[] = [
      ...changes.removed.map((transaction) => ({ kind: "removed" as const, transaction })),
      ...changes.added.map((transaction) => ({ kind: "added" as const, transaction })),
      ...changes.modified.map((transaction) => ({ kind: "modified" as const, transaction })),
    ];
    await appendTransactionEvents(tx, { itemId, events, accounts: changes.accounts, countRefresh: true, now });
    return events.length;
  });
  if (count > 0) sendItemWebhook(webhooks, item, syncUpdatesAvailablePayload(itemId));
  return count;
}

/** Re-records one live transaction as modified: the mutate_during_pagination fault's change. */
export async function mutateOneTransaction(store: EmulatorStore, itemId: string): Promise<void> {
  await withLockedItem(store, itemId, async (tx) => {
    const transaction = (await loadLiveTransactions(tx, itemId)).at(-1);
    if (transaction) await appendTransactionEvents(tx, { itemId, events: [{ kind: "modified", transaction }] });
  });
}
