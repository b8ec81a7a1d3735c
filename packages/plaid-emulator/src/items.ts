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
  /** Every account the item has at the bank, shared with the app or not: see sharedAccounts. */
  accounts: AccountBase[];
  /** Accounts the person has not shared (unticked in Link, or opened since): Plaid answers without them. */
  withheldAccountIds: string[];
  error: PlaidError | null;
  transactionsSeq: number;
  refreshCount: number;
  /** When the bank last gave the item's data (null: not since it was created). */
  lastSuccessfulUpdate: Date | null;
  /** When the item's access consent expires; null when it does not (Plaid's US items). */
  consentExpirationTime: Date | null;
  createdAt: Date;
  updatedAt: Date;
  removedAt: Date | null;
};

/** The columns toItem reads, for `SELECT ${ITEM_COLUMNS} FROM plaid_emulator.items …`. */
export const ITEM_COLUMNS =
  "item_id, access_token_sha256, client_id, institution_id, username, seed, webhook, products, accounts, " +
  "withheld_account_ids, error, transactions_seq, refresh_count, last_successful_update, consent_expiration_time, " +
  "created_at, updated_at, removed_at";

// The columns whose names are one word hold what the item's fields of that name hold.
type ItemRow = Pick<EmulatorItem, "username" | "seed" | "webhook" | "products" | "accounts" | "error"> & {
  item_id: string;
  access_token_sha256: string;
  client_id: string;
  institution_id: string;
  transactions_seq: unknown;
  withheld_account_ids: string[];
  refresh_count: number;
  last_successful_update: Date | null;
  consent_expiration_time: Date | null;
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
    withheldAccountIds: row.withheld_account_ids,
    error: row.error,
    transactionsSeq: toNumber(row.transactions_seq),
    refreshCount: row.refresh_count,
    lastSuccessfulUpdate: row.last_successful_update,
    consentExpirationTime: row.consent_expiration_time,
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

function offeredBy(institutionId: string, product: Products): boolean {
  return findSandboxInstitution(institutionId)?.products?.includes(product) ?? false;
}

/**
 * The products a new (or updated) item has: those required, then the optional ones its institution
 * offers, as Plaid's Link does. A required product the institution lacks is PRODUCTS_NOT_SUPPORTED.
 */
export function productsForItem({
  institutionId,
  required,
  optional,
}: {
  institutionId: string;
  required: string[];
  optional: string[];
}): string[] {
  const offered = (product: string) => offeredBy(institutionId, product as Products);
  const missing = required.filter((product) => !offered(product));
  if (missing.length > 0) {
    throw new EmulatorError("PRODUCTS_NOT_SUPPORTED", {
      message: `the following products are not supported by this institution: ${missing.join(", ")}`,
    });
  }
  return [...new Set([...required, ...optional.filter(offered)])];
}

/** Adds a product to the item (Plaid adds one when its endpoint is first called, or in update mode). */
export async function addItemProducts(sql: Sql, itemId: string, products: string[]): Promise<void> {
  await sql.query(
    `UPDATE plaid_emulator.items SET products = products || COALESCE(
       (SELECT jsonb_agg(p) FROM jsonb_array_elements_text($2::text::jsonb) AS p WHERE NOT products ? p), '[]'::jsonb)
     WHERE item_id = $1`,
    [itemId, json(products)],
  );
}

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

/** The accounts the person shares with the app: all the item's accounts but the withheld ones. */
export function sharedAccounts(item: Pick<EmulatorItem, "accounts" | "withheldAccountIds">): AccountBase[] {
  const withheld = new Set(item.withheldAccountIds);
  return item.accounts.filter((account) => !withheld.has(account.account_id));
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

/** When the item's consent expires (null: it does not). */
export async function setConsentExpiration(sql: Sql, itemId: string, expiresAt: Date | null): Promise<void> {
  await sql.query("UPDATE plaid_emulator.items SET consent_expiration_time = $2 WHERE item_id = $1", [
    itemId,
    expiresAt,
  ]);
}

/** Plaid writes timestamps without milliseconds. */
export function plaidTimestamp(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, "Z");
}

/** When the bank last gave Plaid the item's data: its last data change, or its creation. */
export function lastSuccessfulUpdate(item: EmulatorItem): Date {
  return item.lastSuccessfulUpdate ?? item.createdAt;
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
    available_products: OFFERED_PRODUCTS.filter(
      (product) => !products.includes(product) && offeredBy(item.institutionId, product),
    ),
    billed_products: products,
    products,
    consented_products: products,
    consent_expiration_time: item.consentExpirationTime ? plaidTimestamp(item.consentExpirationTime) : null,
    update_type: ItemWithConsentFieldsUpdateTypeEnum.Background,
    created_at: item.createdAt.toISOString(),
  };
}

/** Plaid's Item object as the product endpoints (/accounts/get...) give it. */
export function serializeItem(item: EmulatorItem): Item {
  return { ...serializeItemWithConsent(item), update_type: ItemUpdateTypeEnum.Background };
}
