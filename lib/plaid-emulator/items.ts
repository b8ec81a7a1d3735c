// The emulator's items: creation (accounts and two years of history, deterministic per item id),
// lookup by access token (stored only as its SHA-256), error state, and Plaid's Item object.
import "server-only";
import { randomUUID } from "node:crypto";
import type { AccountBase, Item, ItemWithConsentFields, PlaidError } from "plaid";
import { ItemUpdateTypeEnum, ItemWithConsentFieldsUpdateTypeEnum, Products } from "plaid";
import { db, type PlaidEmulatorItemModel, Prisma } from "@/lib/db";
import { isCatalogCode } from "./error-catalog";
import { EmulatorError } from "./errors";
import { createItemId, createToken, hasTokenFormat, seedFromItemId, sha256Hex } from "./ids";
import { createSandboxAccounts, findSandboxInstitution, generateTransactionHistory } from "./sandbox";
import { toEventRows } from "./transactions-log";

export type EmulatorItem = PlaidEmulatorItemModel;

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

export async function createItem({
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
}): Promise<EmulatorItem> {
  const itemId = createItemId();
  const seed = seedFromItemId(itemId);
  const accounts = createSandboxAccounts({ seed });
  const history = generateTransactionHistory({ seed, accounts, anchor: now });
  // No access token exists until the public token is exchanged: a marker no token hash can equal.
  const unissued = `${UNISSUED}${randomUUID()}`;
  const [item] = await db.$transaction([
    db.plaidEmulatorItem.create({
      data: {
        itemId,
        accessTokenSha256: unissued,
        clientId,
        institutionId,
        username,
        seed,
        webhook,
        products: products as Prisma.InputJsonValue,
        accounts: accounts as unknown as Prisma.InputJsonValue,
        transactionsSeq: BigInt(history.length),
        createdAt: now,
      },
    }),
    db.plaidEmulatorTransaction.createMany({
      data: toEventRows({
        itemId,
        firstSeq: 1,
        events: history.map((transaction) => ({ kind: "added", transaction })),
      }),
    }),
  ]);
  return item;
}

/** Whether the item's access token was ever handed out (by exchanging a public token). */
export function hasIssuedAccessToken(item: EmulatorItem): boolean {
  return !item.accessTokenSha256.startsWith(UNISSUED);
}

/** A new access token for the item; the previous one (if any) stops working. */
export async function issueAccessToken(itemId: string): Promise<string> {
  const accessToken = createToken("access");
  await db.plaidEmulatorItem.update({ where: { itemId }, data: { accessTokenSha256: sha256Hex(accessToken) } });
  return accessToken;
}

/** The item an access token opens: unknown tokens are INVALID_ACCESS_TOKEN, removed items ITEM_NOT_FOUND. */
export async function loadItemByAccessToken(accessToken: string): Promise<EmulatorItem> {
  if (!hasTokenFormat("access", accessToken)) {
    throw new EmulatorError("INVALID_ACCESS_TOKEN", {
      message: "provided access token is in an invalid format. expected format: access-<environment>-<identifier>",
    });
  }
  const item = await db.plaidEmulatorItem.findUnique({ where: { accessTokenSha256: sha256Hex(accessToken) } });
  if (!item) throw new EmulatorError("INVALID_ACCESS_TOKEN");
  if (item.removedAt) throw new EmulatorError("ITEM_NOT_FOUND");
  return item;
}

export async function loadItem(itemId: string): Promise<EmulatorItem> {
  const item = await db.plaidEmulatorItem.findUnique({ where: { itemId } });
  if (!item || item.removedAt) throw new EmulatorError("ITEM_NOT_FOUND");
  return item;
}

export function itemError(item: EmulatorItem): PlaidError | null {
  return (item.error as unknown as PlaidError | null) ?? null;
}

/** Data endpoints refuse an item in an error state, with that error (ITEM_LOGIN_REQUIRED...). */
export function requireHealthyItem(item: EmulatorItem): void {
  const error = itemError(item);
  if (!error) return;
  throw new EmulatorError(isCatalogCode(error.error_code) ? error.error_code : "ITEM_LOGIN_REQUIRED");
}

export async function setItemError(itemId: string, error: PlaidError | null): Promise<void> {
  await db.plaidEmulatorItem.update({
    where: { itemId },
    data: { error: error ? (error as unknown as Prisma.InputJsonValue) : Prisma.DbNull },
  });
}

export function itemAccounts(item: EmulatorItem): AccountBase[] {
  return item.accounts as unknown as AccountBase[];
}

export function itemProducts(item: EmulatorItem): Products[] {
  return item.products as unknown as Products[];
}

/** Plaid's Item object as /item/get gives it (with the consent fields). */
export function serializeItemWithConsent(item: EmulatorItem): ItemWithConsentFields {
  const products = itemProducts(item);
  return {
    item_id: item.itemId,
    institution_id: item.institutionId,
    institution_name: findSandboxInstitution(item.institutionId)?.name ?? null,
    webhook: item.webhook,
    auth_method: null,
    error: itemError(item),
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
