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

/** Appends the events (and optionally new account balances / a refresh count) atomically. */
export async function appendTransactionEvents({
  itemId,
  events,
  accounts,
  countRefresh = false,
}: {
  itemId: string;
  events: TransactionEvent[];
  accounts?: AccountBase[];
  countRefresh?: boolean;
}): Promise<void> {
  await db.$transaction(async (tx) => {
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
  });
}

/** The item's transactions as they stand now: every transaction whose last event is not a removal. */
export async function loadLiveTransactions(itemId: string): Promise<Transaction[]> {
  const rows = await db.plaidEmulatorTransaction.findMany({
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
