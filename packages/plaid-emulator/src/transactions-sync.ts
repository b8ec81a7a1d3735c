// /transactions/sync over the item's change log. A snapshot is the events in (from, to]; its net
// change per transaction (added, modified, removed, or nothing when added and removed inside it) is
// ordered by each transaction's last event and paged by offset. Every page size therefore yields the
// same set with no duplicates. A log that moved past `to` while paging is Plaid's
// TRANSACTIONS_SYNC_MUTATION_DURING_PAGINATION: the caller restarts from its first page's cursor.
import {
  type AccountBase,
  type RemovedTransaction,
  type Transaction,
  type TransactionsSyncResponse,
  TransactionsUpdateStatus,
} from "plaid";
import { decodeCursor, encodeCursor, type SyncCursor } from "./cursor.ts";
import { EmulatorError } from "./errors.ts";
import { sharedAccounts } from "./items.ts";
import { type Sql, toNumber } from "./store/store.ts";

type Change = { kind: "added" | "modified" | "removed"; transactionId: string; accountId: string; seq: number };

async function loadNetChanges(sql: Sql, itemId: string, { from, to }: SyncCursor): Promise<Change[]> {
  const rows = await sql.query<{ seq: unknown; transaction_id: string; account_id: string; kind: string }>(
    `SELECT seq, transaction_id, account_id, kind FROM plaid_emulator.transactions
     WHERE item_id = $1 AND seq > $2 AND seq <= $3 ORDER BY seq`,
    [itemId, from, to],
  );
  const net = new Map<string, { first: string; last: string; seq: number; accountId: string }>();
  for (const row of rows) {
    const seq = toNumber(row.seq);
    const seen = net.get(row.transaction_id);
    if (seen) Object.assign(seen, { last: row.kind, seq, accountId: row.account_id });
    else net.set(row.transaction_id, { first: row.kind, last: row.kind, seq, accountId: row.account_id });
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

export async function syncTransactions(
  sql: Sql,
  {
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
  },
): Promise<Omit<TransactionsSyncResponse, "request_id">> {
  const [item] = await sql.query<{
    transactions_seq: unknown;
    accounts: AccountBase[];
    withheld_account_ids: string[];
  }>("SELECT transactions_seq, accounts, withheld_account_ids FROM plaid_emulator.items WHERE item_id = $1", [itemId]);
  if (!item) throw new Error(`emulator item ${itemId} does not exist`);
  const accounts = sharedAccounts({ accounts: item.accounts, withheldAccountIds: item.withheld_account_ids });
  const shared = new Set(accounts.map((account) => account.account_id));
  const position = startPosition(itemId, cursor, toNumber(item.transactions_seq));
  // An account the person has not shared is invisible; when it is shared later, its history is
  // appended to the log again (account-selection.ts), so a cursor past it still receives it.
  const changes = (await loadNetChanges(sql, itemId, position)).filter(
    (change) => shared.has(change.accountId) && (!accountId || change.accountId === accountId),
  );
  const page = changes.slice(position.offset, position.offset + count);
  const payloadRows = await sql.query<{ seq: unknown; payload: Transaction }>(
    "SELECT seq, payload FROM plaid_emulator.transactions WHERE item_id = $1 AND seq = ANY($2::bigint[])",
    [itemId, page.filter((change) => change.kind !== "removed").map((change) => change.seq)],
  );
  const payloads = new Map(payloadRows.map((row) => [toNumber(row.seq), row.payload]));
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
    accounts,
    added: page.filter((change) => change.kind === "added").map(present),
    modified: page.filter((change) => change.kind === "modified").map(present),
    removed: page
      .filter((change) => change.kind === "removed")
      .map((change): RemovedTransaction => ({ transaction_id: change.transactionId, account_id: change.accountId })),
    next_cursor: encodeCursor(itemId, next),
    has_more: hasMore,
  };
}
