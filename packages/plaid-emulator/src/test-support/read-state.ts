// What the emulator stored, read straight from its tables, for tests that check state no endpoint shows.
import { type EmulatorItem, findItem } from "../items.ts";
import { toNumber } from "../store/store.ts";
import { testStore } from "./test-store.ts";

export async function readItem(itemId: string): Promise<EmulatorItem> {
  const item = await findItem(testStore(), itemId);
  if (!item) throw new Error(`no emulator item ${itemId}`);
  return item;
}

export type StoredEvent = {
  seq: number;
  transactionId: string;
  accountId: string;
  kind: "added" | "modified" | "removed";
  payload: Record<string, unknown> | null;
};

/** The item's change log in order. */
export async function readEvents(itemId: string): Promise<StoredEvent[]> {
  const rows = await testStore().query<{
    seq: unknown;
    transaction_id: string;
    account_id: string;
    kind: StoredEvent["kind"];
    payload: Record<string, unknown> | null;
  }>(
    `SELECT seq, transaction_id, account_id, kind, payload FROM plaid_emulator.transactions
     WHERE item_id = $1 ORDER BY seq`,
    [itemId],
  );
  return rows.map((row) => ({
    seq: toNumber(row.seq),
    transactionId: row.transaction_id,
    accountId: row.account_id,
    kind: row.kind,
    payload: row.payload,
  }));
}

export type StoredWebhook = {
  url: string;
  payload: Record<string, unknown>;
  statusCode: number | null;
  error: string | null;
  deliveredAt: Date | null;
};

/** The webhooks sent for the item, oldest first. */
export async function readWebhooks(itemId: string): Promise<StoredWebhook[]> {
  const rows = await testStore().query<{
    url: string;
    payload: Record<string, unknown>;
    status_code: number | null;
    error: string | null;
    delivered_at: Date | null;
  }>(
    `SELECT url, payload, status_code, error, delivered_at FROM plaid_emulator.webhooks
     WHERE item_id = $1 ORDER BY created_at, id`,
    [itemId],
  );
  return rows.map((row) => ({
    url: row.url,
    payload: row.payload,
    statusCode: row.status_code,
    error: row.error,
    deliveredAt: row.delivered_at,
  }));
}
