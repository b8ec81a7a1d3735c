// /transactions/sync over the item's change log. A snapshot is the events in (from, to]; its net
// change per transaction (added, modified, removed, or nothing when added and removed inside it) is
// ordered by each transaction's last event and paged by offset. Every page size therefore yields the
// same set with no duplicates. A log that moved past `to` while paging is Plaid's
// TRANSACTIONS_SYNC_MUTATION_DURING_PAGINATION: the caller restarts from its first page's cursor.
import "server-only";
import {
  type AccountBase,
  type RemovedTransaction,
  type Transaction,
  type TransactionsSyncResponse,
  TransactionsUpdateStatus,
} from "plaid";
import { db } from "@/lib/db";
import { decodeCursor, encodeCursor, type SyncCursor } from "./cursor";
import { EmulatorError } from "./errors";

type Change = { kind: "added" | "modified" | "removed"; transactionId: string; accountId: string; seq: bigint };

async function loadNetChanges(itemId: string, { from, to }: SyncCursor): Promise<Change[]> {
  const rows = await db.plaidEmulatorTransaction.findMany({
    where: { itemId, seq: { gt: BigInt(from), lte: BigInt(to) } },
    orderBy: { seq: "asc" },
    select: { seq: true, transactionId: true, accountId: true, kind: true },
  });
  const net = new Map<string, { first: string; last: string; seq: bigint; accountId: string }>();
  for (const row of rows) {
    const seen = net.get(row.transactionId);
    if (seen) Object.assign(seen, { last: row.kind, seq: row.seq, accountId: row.accountId });
    else net.set(row.transactionId, { first: row.kind, last: row.kind, seq: row.seq, accountId: row.accountId });
  }
  const changes: Change[] = [];
  for (const [transactionId, { first, last, seq, accountId }] of net) {
    const isNew = first === "added";
    if (last === "removed") {
      if (!isNew) changes.push({ kind: "removed", transactionId, accountId, seq });
    } else {
      changes.push({ kind: isNew ? "added" : "modified", transactionId, accountId, seq });
    }
  }
  return changes.sort((a, b) => (a.seq < b.seq ? -1 : 1));
}

function startPosition(itemId: string, cursor: string | undefined, currentSeq: number): SyncCursor {
  if (!cursor) return { from: 0, to: currentSeq, offset: 0 };
  const decoded = decodeCursor(itemId, cursor);
  if (!decoded || decoded.to > currentSeq) {
    throw new EmulatorError("INVALID_FIELD", { message: "cursor is invalid: it was not issued for this item" });
  }
  // Offset 0 starts a new snapshot from where the caller is; a later page must see the same snapshot.
  if (decoded.offset === 0) return { from: decoded.from, to: currentSeq, offset: 0 };
  if (currentSeq > decoded.to) throw new EmulatorError("TRANSACTIONS_SYNC_MUTATION_DURING_PAGINATION");
  return decoded;
}

export async function syncTransactions({
  itemId,
  cursor,
  count,
  accountId,
  includeOriginalDescription,
}: {
  itemId: string;
  cursor: string | undefined;
  count: number;
  accountId?: string;
  includeOriginalDescription: boolean;
}): Promise<Omit<TransactionsSyncResponse, "request_id">> {
  const item = await db.plaidEmulatorItem.findUniqueOrThrow({
    where: { itemId },
    select: { transactionsSeq: true, accounts: true },
  });
  const position = startPosition(itemId, cursor, Number(item.transactionsSeq));
  const changes = (await loadNetChanges(itemId, position)).filter(
    (change) => !accountId || change.accountId === accountId,
  );
  const page = changes.slice(position.offset, position.offset + count);
  const payloadRows = await db.plaidEmulatorTransaction.findMany({
    where: { itemId, seq: { in: page.filter((change) => change.kind !== "removed").map((change) => change.seq) } },
    select: { seq: true, payload: true },
  });
  const payloads = new Map(payloadRows.map((row) => [row.seq, row.payload as unknown as Transaction]));
  const present = (change: Change): Transaction => {
    const transaction = payloads.get(change.seq) as Transaction;
    return includeOriginalDescription ? transaction : { ...transaction, original_description: null };
  };
  const hasMore = position.offset + count < changes.length;
  const next: SyncCursor = hasMore
    ? { ...position, offset: position.offset + count }
    : { from: position.to, to: position.to, offset: 0 };
  return {
    transactions_update_status: TransactionsUpdateStatus.HistoricalUpdateComplete,
    accounts: item.accounts as unknown as AccountBase[],
    added: page.filter((change) => change.kind === "added").map(present),
    modified: page.filter((change) => change.kind === "modified").map(present),
    removed: page
      .filter((change) => change.kind === "removed")
      .map((change): RemovedTransaction => ({ transaction_id: change.transactionId, account_id: change.accountId })),
    next_cursor: encodeCursor(itemId, next),
    has_more: hasMore,
  };
}
