// Each item's transactions are an append-only log of added / modified / removed events numbered by
// `seq`; the item's transactions_seq is the last number used. Appending bumps the counter and writes
// the events in one database transaction, so a sync never sees a counter ahead of its events.
import "server-only";
import type { AccountBase, RemovedTransaction, Transaction } from "plaid";
import { db, type Prisma } from "@/lib/db";

export type TransactionEvent =
  | { kind: "added" | "modified"; transaction: Transaction }
  | { kind: "removed"; transaction: RemovedTransaction };

export function toEventRows({
  itemId,
  firstSeq,
  events,
}: {
  itemId: string;
  firstSeq: number;
  events: TransactionEvent[];
}): Prisma.PlaidEmulatorTransactionCreateManyInput[] {
  return events.map((event, index) => ({
    itemId,
    seq: BigInt(firstSeq + index),
    transactionId: event.transaction.transaction_id,
    accountId: event.transaction.account_id,
    kind: event.kind,
    payload: event.kind === "removed" ? undefined : (event.transaction as unknown as Prisma.InputJsonValue),
  }));
}

type Client = Prisma.TransactionClient;

/**
 * Runs `change` in one database transaction holding the item's row lock, so changes to one item take
 * turns: each reads the log as the previous one left it. Without it, two concurrent refreshes would
 * compute the same changes from the same state and both append them (a transaction "added" twice).
 */
export function withLockedItem<T>(itemId: string, change: (tx: Client) => Promise<T>): Promise<T> {
  return db.$transaction(
    async (tx) => {
      await tx.$queryRaw`SELECT item_id FROM plaid_emulator_items WHERE item_id = ${itemId} FOR UPDATE`;
      return change(tx);
    },
    // Waiting behind another refresh of the same item counts against the transaction's time.
    { timeout: 30_000, maxWait: 30_000 },
  );
}

/** Appends the events (and optionally new account balances / a refresh count) inside `tx`. */
export async function appendTransactionEvents(
  tx: Client,
  {
    itemId,
    events,
    accounts,
    countRefresh = false,
  }: {
    itemId: string;
    events: TransactionEvent[];
    accounts?: AccountBase[];
    countRefresh?: boolean;
  },
): Promise<void> {
  const item = await tx.plaidEmulatorItem.update({
    where: { itemId },
    data: {
      transactionsSeq: { increment: events.length },
      ...(accounts ? { accounts: accounts as unknown as Prisma.InputJsonValue } : {}),
      ...(countRefresh ? { refreshCount: { increment: 1 } } : {}),
    },
    select: { transactionsSeq: true },
  });
  if (events.length === 0) return;
  const firstSeq = Number(item.transactionsSeq) - events.length + 1;
  await tx.plaidEmulatorTransaction.createMany({ data: toEventRows({ itemId, firstSeq, events }) });
}

/** The item's transactions as they stand now: every transaction whose last event is not a removal. */
export async function loadLiveTransactions(itemId: string, client: Client = db): Promise<Transaction[]> {
  const rows = await client.plaidEmulatorTransaction.findMany({
    where: { itemId },
    orderBy: { seq: "asc" },
    select: { transactionId: true, kind: true, payload: true },
  });
  const live = new Map<string, Transaction>();
  for (const row of rows) {
    if (row.kind === "removed") live.delete(row.transactionId);
    else live.set(row.transactionId, row.payload as unknown as Transaction);
  }
  return [...live.values()];
}
