-- /transactions/sync reads one page of the change log per call instead of the item's whole history.
-- Each event links to its transaction's neighbours: superseded_by, the seq of the next event (NULL
-- while this is the latest), and prev_seq, the seq of the previous one (NULL for the first). A
-- snapshot (from, to] is then the events in it not superseded within it, in seq order: a range read
-- of the primary key from the cursor's position. An event whose prev_seq is at or before `from` is its
-- transaction's first in the snapshot, so its own kind is the net change's; only for a transaction
-- with several events in the snapshot is its first one looked up, through (item, transaction, seq).
ALTER TABLE plaid_emulator.transactions ADD COLUMN IF NOT EXISTS "superseded_by" BIGINT;
ALTER TABLE plaid_emulator.transactions ADD COLUMN IF NOT EXISTS "prev_seq" BIGINT;

UPDATE plaid_emulator.transactions t
SET superseded_by = n.next_seq, prev_seq = n.prev_seq
FROM (
    SELECT item_id, seq,
        lead(seq) OVER (PARTITION BY item_id, transaction_id ORDER BY seq) AS next_seq,
        lag(seq) OVER (PARTITION BY item_id, transaction_id ORDER BY seq) AS prev_seq
    FROM plaid_emulator.transactions
) n
WHERE t.item_id = n.item_id AND t.seq = n.seq AND (n.next_seq IS NOT NULL OR n.prev_seq IS NOT NULL);

DROP INDEX IF EXISTS plaid_emulator."idx_plaid_emulator_transactions_item_transaction";
CREATE INDEX IF NOT EXISTS "idx_plaid_emulator_transactions_item_transaction_seq"
    ON plaid_emulator.transactions ("item_id", "transaction_id", "seq");
