// Each item's transactions are an append-only log of added / modified / removed events numbered by
// `seq`; the item's transactions_seq is the last number used. An event's superseded_by and prev_seq
// are the seqs of its transaction's next and previous events (NULL for none), which /transactions/sync
// pages by (transactions-sync.ts).
// Appending bumps the counter and writes the events in one database transaction, so a sync never sees
// a counter ahead of its events.
import type { AccountBase, RemovedTransaction, Transaction } from "plaid";
import type { LedgerTransaction } from "./sandbox/liability-schedule.ts";
import { type EmulatorStore, json, type Sql, type SqlTransaction, toNumber } from "./store/store.ts";

export type TransactionEvent =
  | { kind: "added" | "modified"; transaction: Transaction }
  | { kind: "removed"; transaction: RemovedTransaction };

/**
 * Writes the events as seq firstSeq, firstSeq + 1, … in one statement, however many there are, each
 * linked to its transaction's previous event (stored or in this batch), which it marks superseded.
 */
export async function insertTransactionEvents(
  sql: Sql,
  { itemId, firstSeq, events }: { itemId: string; firstSeq: number; events: TransactionEvent[] },
): Promise<void> {
  if (events.length === 0) return;
  const rows = events.map((event, index) => ({
    seq: firstSeq + index,
    transaction_id: event.transaction.transaction_id,
    account_id: event.transaction.account_id,
    kind: event.kind,
    payload: event.kind === "removed" ? null : event.transaction,
  }));
  // A data-modifying CTE sees the table as the statement found it: the UPDATE cannot touch the new rows.
  await sql.query(
    `WITH e AS (
       SELECT e.*, lead(e.seq) OVER w AS superseded_by, lag(e.seq) OVER w AS prev_in_batch
       FROM jsonb_to_recordset($2::text::jsonb) AS e(seq bigint, transaction_id text, account_id text, kind text,
         payload jsonb)
       WINDOW w AS (PARTITION BY e.transaction_id ORDER BY e.seq)
     ), superseded AS (
       UPDATE plaid_emulator.transactions t SET superseded_by = f.seq
       FROM (SELECT transaction_id, min(seq) AS seq FROM e GROUP BY transaction_id) f
       WHERE t.item_id = $1 AND t.transaction_id = f.transaction_id AND t.superseded_by IS NULL AND t.seq < f.seq
       RETURNING t.transaction_id, t.seq
     )
     INSERT INTO plaid_emulator.transactions
       (item_id, seq, transaction_id, account_id, kind, payload, superseded_by, prev_seq)
     SELECT $1, e.seq, e.transaction_id, e.account_id, e.kind, e.payload, e.superseded_by,
       COALESCE(e.prev_in_batch, s.seq)
     FROM e LEFT JOIN (SELECT transaction_id, max(seq) AS seq FROM superseded GROUP BY transaction_id) s
       ON s.transaction_id = e.transaction_id`,
    [itemId, json(rows)],
  );
}

/**
 * Runs `change` in one database transaction holding the item's row lock, so changes to one item take
 * turns: each reads the log as the previous one left it. Without it, two concurrent refreshes would
 * compute the same changes from the same state and both append them (a transaction "added" twice).
 */
export function withLockedItem<T>(
  store: EmulatorStore,
  itemId: string,
  change: (tx: SqlTransaction) => Promise<T>,
): Promise<T> {
  return store.transaction(async (tx) => {
    // Waiting behind another change of the same item is bounded, as a caller's patience is.
    await tx.exec("SET LOCAL lock_timeout = '30s'");
    await tx.query("SELECT item_id FROM plaid_emulator.items WHERE item_id = $1 FOR UPDATE", [itemId]);
    return change(tx);
  });
}

/** Appends the events (and optionally new account balances / a refresh count) inside `tx`. */
export async function appendTransactionEvents(
  tx: SqlTransaction,
  {
    itemId,
    events,
    accounts,
    countRefresh = false,
    now,
  }: {
    itemId: string;
    events: TransactionEvent[];
    accounts?: AccountBase[];
    countRefresh?: boolean;
    /** When the bank gave this data: the item's last successful update (/item/get). */
    now?: Date;
  },
): Promise<void> {
  const [item] = await tx.query<{ transactions_seq: unknown }>(
    `UPDATE plaid_emulator.items
     SET transactions_seq = transactions_seq + $2,
         accounts = COALESCE($3::text::jsonb, accounts),
         refresh_count = refresh_count + $4,
         last_successful_update = COALESCE($5, last_successful_update)
     WHERE item_id = $1
     RETURNING transactions_seq`,
    [itemId, events.length, accounts ? json(accounts) : null, countRefresh ? 1 : 0, now ?? null],
  );
  if (!item) throw new Error(`emulator item ${itemId} does not exist`);
  const firstSeq = toNumber(item.transactions_seq) - events.length + 1;
  await insertTransactionEvents(tx, { itemId, firstSeq, events });
}

/**
 * The item's transactions as they stand now: every transaction whose last event is not a removal; only
 * those of `accountIds` when given.
 */
export function loadLiveTransactions(
  sql: Sql,
  itemId: string,
  { accountIds }: { accountIds?: string[] } = {},
): Promise<Transaction[]> {
  return loadLive(sql, itemId, accountIds, "payload", (row: { payload: Transaction }) => row.payload);
}

/**
 * loadLiveTransactions for the ledger behind liabilities (payments, statements, interest): the few
 * fields it reads are taken out of each payload by the database, so a long history is not sent and
 * parsed whole. Same transactions, same order.
 */
export function loadLiveLedger(
  sql: Sql,
  itemId: string,
  { accountIds }: { accountIds?: string[] } = {},
): Promise<LedgerTransaction[]> {
  type LedgerRow = {
    account_id: string;
    pending: boolean;
    date: string;
    amount: number;
    category_primary: string | null;
    category_detailed: string | null;
  };
  return loadLive(
    sql,
    itemId,
    accountIds,
    `payload->>'account_id' AS account_id, (payload->>'pending')::boolean AS pending, payload->>'date' AS date,
     (payload->>'amount')::float8 AS amount,
     payload->'personal_finance_category'->>'primary' AS category_primary,
     payload->'personal_finance_category'->>'detailed' AS category_detailed`,
    (row: LedgerRow): LedgerTransaction => ({
      account_id: row.account_id,
      pending: row.pending,
      date: row.date,
      amount: row.amount,
      personal_finance_category:
        row.category_primary === null && row.category_detailed === null
          ? null
          : { primary: row.category_primary ?? "", detailed: row.category_detailed ?? "" },
    }),
  );
}

/** Each live transaction's last event, `columns` of it read and made into a value by `toValue`. */
async function loadLive<Row, T>(
  sql: Sql,
  itemId: string,
  accountIds: string[] | undefined,
  columns: string,
  toValue: (row: Row) => T,
): Promise<T[]> {
  const rows = await sql.query<Row & { transaction_id: string; kind: string }>(
    `SELECT transaction_id, kind, ${columns} FROM plaid_emulator.transactions
     WHERE item_id = $1 AND ($2::text[] IS NULL OR account_id = ANY($2::text[])) ORDER BY seq`,
    [itemId, accountIds ?? null],
  );
  const live = new Map<string, Row>();
  for (const row of rows) {
    if (row.kind === "removed") live.delete(row.transaction_id);
    else live.set(row.transaction_id, row);
  }
  return [...live.values()].map(toValue);
}
