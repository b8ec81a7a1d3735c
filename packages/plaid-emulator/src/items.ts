// The emulator's items: creation (accounts and two years of history, deterministic per item id),
// lookup by access token (stored only as its SHA-256), error state, and Plaid's Item object.
import { randomUUID } from "node:crypto";
import type { AccountBase, Item, ItemWithConsentFields, PlaidError } from "plaid";
import { ItemUpdateTypeEnum, ItemWithConsentFieldsUpdateTypeEnum, Products } from "plaid";
import { isCatalogCode } from "./error-catalog.ts";
import { EmulatorError } from "./errors.ts";
import { createItemId, createToken, hasTokenFormat, seedFromItemId, sha256Hex } from "./ids.ts";
import {
  createSandboxAccounts,
  findSandboxInstitution,
  generateTransactionHistory,
  institutionCurrency,
} from "./sandbox/index.ts";
import { type EmulatorStore, json, type Sql, type SqlTransaction, toNumber } from "./store/store.ts";
import { insertTransactionEvents } from "./transactions-log.ts";

export type EmulatorItem = {
  itemId: string;
  accessTokenSha256: string;
  clientId: string;
  institutionId: string;
  username: string;
  seed: number;
  webhook: string | null;
  products: Products[];
  accounts: AccountBase[];
  error: PlaidError | null;
  transactionsSeq: number;
  refreshCount: number;
  createdAt: Date;
  updatedAt: Date;
  removedAt: Date | null;
};

/** The columns toItem reads, for `SELECT ${ITEM_COLUMNS} FROM plaid_emulator.items …`. */
export const ITEM_COLUMNS =
  "item_id, access_token_sha256, client_id, institution_id, username, seed, webhook, products, accounts, error, " +
  "transactions_seq, refresh_count, created_at, updated_at, removed_at";

// The columns whose names are one word hold what the item's fields of that name hold.
type ItemRow = Pick<EmulatorItem, "username" | "seed" | "webhook" | "products" | "accounts" | "error"> & {
  item_id: string;
  access_token_sha256: string;
  client_id: string;
  institution_id: string;
  transactions_seq: unknown;
  refresh_count: number;
  created_at: Date;
  updated_at: Date;
  removed_at: Date | null;
};

export function toItem(row: ItemRow): EmulatorItem {
  return {
    itemId: row.item_id,
    accessTokenSha256: row.access_token_sha256,
    clientId: row.client_id,
    institutionId: row.institution_id,
    username: row.username,
    seed: row.seed,
    webhook: row.webhook,
    products: row.products,
    accounts: row.accounts,
    error: row.error,
    transactionsSeq: toNumber(row.transactions_seq),
    refreshCount: row.refresh_count,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    removedAt: row.removed_at,
  };
}

/** The item with this id, removed or not; null when there is none. */
export async function findItem(sql: Sql, itemId: string): Promise<EmulatorItem | null> {
  const [row] = await sql.query<ItemRow>(`SELECT ${ITEM_COLUMNS} FROM plaid_emulator.items WHERE item_id = $1`, [
    itemId,
  ]);
  return row ? toItem(row) : null;
}

/** The item as it stands inside a transaction that holds its lock (it exists: the lock found it). */
export async function readLockedItem(tx: SqlTransaction, itemId: string): Promise<EmulatorItem> {
  const item = await findItem(tx, itemId);
  if (!item) throw new Error(`emulator item ${itemId} vanished under its own lock`);
  return item;
}

const UNISSUED = "unissued:";

// What every sandbox institution offers beyond the products an item was created with.
const OFFERED_PRODUCTS: Products[] = [
  Products.Assets,
  Products.Auth,
  Products.Balance,
  Products.Identity,
  Products.Investments,
  Products.Liabilities,
  Products.Transactions,
];

export async function createItem(
  store: EmulatorStore,
  {
    clientId,
    institutionId,
    username,
    webhook,
    products,
    now,
  }: {
    clientId: string;
    institutionId: string;
    username: string;
    webhook: string | null;
    products: string[];
    now: Date;
  },
): Promise<EmulatorItem> {
  const itemId = createItemId();
  const seed = seedFromItemId(itemId);
  const accounts = createSandboxAccounts({ seed, currency: institutionCurrency(institutionId) });
  const history = generateTransactionHistory({ seed, accounts, anchor: now });
  // No access token exists until the public token is exchanged: a marker no token hash can equal.
  const unissued = `${UNISSUED}${randomUUID()}`;
  return store.transaction(async (tx) => {
    const [row] = await tx.query<ItemRow>(
      `INSERT INTO plaid_emulator.items (item_id, access_token_sha256, client_id, institution_id, username, seed,
         webhook, products, accounts, transactions_seq, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8::text::jsonb, $9::text::jsonb, $10, $11)
       RETURNING ${ITEM_COLUMNS}`,
      [
        itemId,
        unissued,
        clientId,
        institutionId,
        username,
        seed,
        webhook,
        json(products),
        json(accounts),
        history.length,
        now,
      ],
    );
    await insertTransactionEvents(tx, {
      itemId,
      firstSeq: 1,
      events: history.map((transaction) => ({ kind: "added", transaction })),
    });
    return toItem(row as ItemRow);
  });
}

/** Whether the item's access token was ever handed out (by exchanging a public token). */
export function hasIssuedAccessToken(item: EmulatorItem): boolean {
  return !item.accessTokenSha256.startsWith(UNISSUED);
}

/** A new access token for the item; the previous one (if any) stops working. */
export async function issueAccessToken(sql: Sql, itemId: string): Promise<string> {
  const accessToken = createToken("access");
  await sql.query("UPDATE plaid_emulator.items SET access_token_sha256 = $2 WHERE item_id = $1", [
    itemId,
    sha256Hex(accessToken),
  ]);
  return accessToken;
}

/** The item an access token opens: unknown tokens are INVALID_ACCESS_TOKEN, removed items ITEM_NOT_FOUND. */
export async function loadItemByAccessToken(sql: Sql, accessToken: string): Promise<EmulatorItem> {
  if (!hasTokenFormat("access", accessToken)) {
    throw new EmulatorError("INVALID_ACCESS_TOKEN", {
      message: "provided access token is in an invalid format. expected format: access-<environment>-<identifier>",
    });
  }
  const [row] = await sql.query<ItemRow>(
    `SELECT ${ITEM_COLUMNS} FROM plaid_emulator.items WHERE access_token_sha256 = $1`,
    [sha256Hex(accessToken)],
  );
  if (!row) throw new EmulatorError("INVALID_ACCESS_TOKEN");
  if (row.removed_at) throw new EmulatorError("ITEM_NOT_FOUND");
  return toItem(row);
}

export async function loadItem(sql: Sql, itemId: string): Promise<EmulatorItem> {
  const item = await findItem(sql, itemId);
  if (!item || item.removedAt) throw new EmulatorError("ITEM_NOT_FOUND");
  return item;
}

/** Data endpoints refuse an item in an error state, with that error (ITEM_LOGIN_REQUIRED...). */
export function requireHealthyItem(item: EmulatorItem): void {
  if (!item.error) return;
  throw new EmulatorError(isCatalogCode(item.error.error_code) ? item.error.error_code : "ITEM_LOGIN_REQUIRED");
}

export async function setItemError(sql: Sql, itemId: string, error: PlaidError | null): Promise<void> {
  await sql.query("UPDATE plaid_emulator.items SET error = $2::text::jsonb WHERE item_id = $1", [
    itemId,
    error ? json(error) : null,
  ]);
}

/** Plaid's Item object as /item/get gives it (with the consent fields). */
export function serializeItemWithConsent(item: EmulatorItem): ItemWithConsentFields {
  const { products } = item;
  return {
    item_id: item.itemId,
    institution_id: item.institutionId,
    institution_name: findSandboxInstitution(item.institutionId)?.name ?? null,
    webhook: item.webhook,
    auth_method: null,
    error: item.error,
    available_products: OFFERED_PRODUCTS.filter((product) => !products.includes(product)),
    billed_products: products,
    products,
    consented_products: products,
    consent_expiration_time: null,
    update_type: ItemWithConsentFieldsUpdateTypeEnum.Background,
    created_at: item.createdAt.toISOString(),
  };
}

/** Plaid's Item object as the product endpoints (/accounts/get...) give it. */
export function serializeItem(item: EmulatorItem): Item {
  return { ...serializeItemWithConsent(item), update_type: ItemUpdateTypeEnum.Background };
}
