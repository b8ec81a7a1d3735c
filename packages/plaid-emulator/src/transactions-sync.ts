// /transactions/sync over the item's change log. A snapshot is the events in (from, to]; its net
// change per transaction (added, modified, removed, or nothing when added and removed inside it) sits
// at the transaction's last event in the snapshot, and the changes are paged in seq order from the
// cursor's position. A page is one range read of the log (plus an index probe for a transaction
// changed more than once in the snapshot), so it costs the same at the start of a long history as at
// its end, and every page size yields the same set with no duplicates. A log that moved past `to`
// while paging is Plaid's TRANSACTIONS_SYNC_MUTATION_DURING_PAGINATION: the caller restarts from its
// first page's cursor.
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

type ChangeRow = {
  seq: unknown;
  transaction_id: string;
  account_id: string;
  kind: "added" | "modified" | "removed";
  payload: Transaction | null;
  /** The kind of the transaction's first event in the snapshot: "added" means the caller never had it. */
  first_kind: string;
};

// The snapshot's events in (lower, upper] that are their transaction's last in it (superseded after
// `to` counts as last: an append racing this read stays invisible), skipping a transaction added and
// removed inside the snapshot. The primary key (item_id, seq) is the range read. The transaction's
// first event in the snapshot is the event itself when its previous one is at or before `from` (an
// initial sync's every row); otherwise one probe of (item_id, transaction_id, seq) finds it.
const WINDOW_SQL = `
  SELECT e.seq, e.transaction_id, e.account_id, e.kind, e.payload, f.kind AS first_kind
  FROM plaid_emulator.transactions e
  CROSS JOIN LATERAL (
    SELECT CASE WHEN e.prev_seq IS NULL OR e.prev_seq <= $2 THEN e.kind ELSE (
      SELECT p.kind FROM plaid_emulator.transactions p
      WHERE p.item_id = e.item_id AND p.transaction_id = e.transaction_id AND p.seq > $2
      ORDER BY p.seq LIMIT 1
    ) END AS kind
  ) f
  WHERE e.item_id = $1 AND e.seq > $3 AND e.seq <= $4
    AND (e.superseded_by IS NULL OR e.superseded_by > $5)
    AND e.account_id = ANY($6::text[])
    AND (e.kind <> 'removed' OR f.kind <> 'added')
  ORDER BY e.seq
  OFFSET $7 LIMIT $8`;

/**
 * The first `limit` changes after the position. The log is read in windows of seqs, each bounded
 * whatever plan the database picks (a fresh item's statistics may say the log is empty), the first as
 * long as the page and each next one twice the last: a log without superseded events or filtered
 * accounts takes one window. A first-version cursor's `skip` is paid once, in one read to `to`.
 */
async function readChanges(
  sql: Sql,
  { itemId, position, accountIds, limit }: { itemId: string; position: Position; accountIds: string[]; limit: number },
): Promise<ChangeRow[]> {
  const { from, to, skip } = position;
  const rows: ChangeRow[] = [];
  let window = skip > 0 ? to - position.after : limit;
  for (let lower = position.after; rows.length < limit && lower < to; lower += window, window *= 2) {
    const upper = Math.min(to, lower + window);
    const part = await sql.query<ChangeRow>(WINDOW_SQL, [
      itemId,
      from,
      lower,
      upper,
      to,
      accountIds,
      lower === position.after ? skip : 0,
      limit - rows.length,
    ]);
    rows.push(...part);
  }
  return rows;
}

type Position = SyncCursor & {
  /** Changes to skip from `after`: only for a first-version cursor, which counted changes, not seqs. */
  skip: number;
};

function startPosition(itemId: string, cursor: string | undefined, currentSeq: number): Position {
  if (!cursor) return { from: 0, to: currentSeq, after: 0, skip: 0 };
  const decoded = decodeCursor(itemId, cursor);
  if (!decoded || decoded.to > currentSeq) {
    throw new EmulatorError("INVALID_FIELD", { message: "cursor is invalid: it was not issued for this item" });
  }
  const skip = "legacy" in decoded ? decoded.offset : 0;
  const after = "legacy" in decoded ? decoded.from : decoded.after;
  // A snapshot's first page starts a new snapshot from where the caller is; a later page must see the same one.
  if (after === decoded.from && skip === 0) return { from: decoded.from, to: currentSeq, after, skip: 0 };
  if (currentSeq > decoded.to) throw new EmulatorError("TRANSACTIONS_SYNC_MUTATION_DURING_PAGINATION");
  return { from: decoded.from, to: decoded.to, after, skip };
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
  const position = startPosition(itemId, cursor, toNumber(item.transactions_seq));
  // An account the person has not shared is invisible; when it is shared later, its history is
  // appended to the log again (account-selection.ts), so a cursor past it still receives it.
  const visible = accounts.map((account) => account.account_id).filter((id) => !accountId || id === accountId);
  const rows = await readChanges(sql, { itemId, position, accountIds: visible, limit: count + 1 });
  const page = rows.slice(0, count);
  const hasMore = rows.length > count;
  const last = page.at(-1);
  const next: SyncCursor =
    hasMore && last
      ? { from: position.from, to: position.to, after: toNumber(last.seq) }
      : { from: position.to, to: position.to, after: position.to };
  const present = (row: ChangeRow): Transaction => {
    const transaction = row.payload as Transaction;
    return includeOriginalDescription ? transaction : { ...transaction, original_description: null };
  };
  const isNew = (row: ChangeRow) => row.first_kind === "added";
  return {
    transactions_update_status: TransactionsUpdateStatus.HistoricalUpdateComplete,
    accounts,
    added: page.filter((row) => row.kind !== "removed" && isNew(row)).map(present),
    modified: page.filter((row) => row.kind !== "removed" && !isNew(row)).map(present),
    removed: page
      .filter((row) => row.kind === "removed")
      .map((row): RemovedTransaction => ({ transaction_id: row.transaction_id, account_id: row.account_id })),
    next_cursor: encodeCursor(itemId, next),
    has_more: hasMore,
  };
}
