// /liabilities/get, and two test hooks by item id: read the liabilities an app would get, and record a
// payment the bank received on a card or loan, which moves its balance and its liabilities and sends
// LIABILITIES DEFAULT_UPDATE naming the fields that changed.
import { type AccountBase, type LiabilitiesGetResponse, type LiabilitiesObject, Products } from "plaid";
import { createTransactions } from "../account-changes.ts";
import { defineEndpoint, defineItemEndpoint } from "../endpoint.ts";
import { EmulatorError } from "../errors.ts";
import { addItemProducts, type EmulatorItem, loadItem, serializeItem } from "../items.ts";
import {
  buildLiabilities,
  findSandboxInstitution,
  formatDay,
  type LiabilityKind,
  liabilityKindOf,
  toDayNumber,
} from "../sandbox/index.ts";
import { emulatorLiabilitiesGetSchema, emulatorLiabilitiesUpdateSchema, liabilitiesGetSchema } from "../schemas.ts";
import type { Sql } from "../store/store.ts";
import { loadLiveLedger } from "../transactions-log.ts";
import { liabilitiesDefaultUpdatePayload, sendItemWebhook } from "../webhook-payloads.ts";
import { selectAccounts } from "./accounts.ts";

/** The liabilities of these accounts of the item, as they stand at `now`. */
export async function liabilitiesOf(
  sql: Sql,
  { item, accounts, now }: { item: EmulatorItem; accounts: AccountBase[]; now: Date },
): Promise<LiabilitiesObject> {
  // Each liability reads its own account's history, and only the ledger's fields of it: the other
  // accounts' transactions are not loaded.
  const transactions = await loadLiveLedger(sql, item.itemId, {
    accountIds: accounts.filter((account) => liabilityKindOf(account)).map((account) => account.account_id),
  });
  return buildLiabilities(accounts, { seed: item.seed, createdAt: item.createdAt, now, transactions });
}

/** The accounts asked for that carry liabilities; PRODUCTS_NOT_SUPPORTED or NO_LIABILITY_ACCOUNTS otherwise. */
function liabilityAccounts(item: EmulatorItem, accountIds: string[] | undefined): AccountBase[] {
  const institution = findSandboxInstitution(item.institutionId);
  if (!institution?.products?.includes(Products.Liabilities)) {
    throw new EmulatorError("PRODUCTS_NOT_SUPPORTED", {
      message: "the following products are not supported by this institution: liabilities",
    });
  }
  const accounts = selectAccounts(item, accountIds);
  if (!accounts.some((account) => liabilityKindOf(account))) throw new EmulatorError("NO_LIABILITY_ACCOUNTS");
  return accounts;
}

export const liabilitiesGet = defineItemEndpoint({
  schema: liabilitiesGetSchema,
  requiresHealthyItem: true,
  run: async ({ body, item, ctx }): Promise<Omit<LiabilitiesGetResponse, "request_id">> => {
    const accounts = liabilityAccounts(item, body.options?.account_ids);
    // As Plaid does, the first call adds Liabilities to an item that was linked without it.
    if (!item.products.includes(Products.Liabilities)) {
      await addItemProducts(ctx.store, item.itemId, [Products.Liabilities]);
      item = { ...item, products: [...item.products, Products.Liabilities] };
    }
    return {
      accounts,
      item: serializeItem(item),
      liabilities: await liabilitiesOf(ctx.store, { item, accounts, now: ctx.now }),
    };
  },
});

export const emulatorLiabilitiesGet = defineEndpoint({
  schema: emulatorLiabilitiesGetSchema,
  run: async ({ body, ctx }) => {
    const item = await loadItem(ctx.store, body.item_id);
    const accounts = liabilityAccounts(item, body.account_ids);
    return { item_id: item.itemId, liabilities: await liabilitiesOf(ctx.store, { item, accounts, now: ctx.now }) };
  },
});

type Entry = Record<string, unknown> & { account_id: string | null };

function entryFor(liabilities: LiabilitiesObject, kind: LiabilityKind, accountId: string): Entry {
  const entry = (liabilities[kind] as Entry[] | null)?.find((candidate) => candidate.account_id === accountId);
  if (!entry) throw new Error(`no ${kind} liability for account ${accountId}`);
  return entry;
}

const PAYMENT_CATEGORY: Record<LiabilityKind, string> = {
  credit: "LOAN_PAYMENTS_CREDIT_CARD_PAYMENT",
  student: "LOAN_PAYMENTS_STUDENT_LOAN_PAYMENT",
  mortgage: "LOAN_PAYMENTS_MORTGAGE_PAYMENT",
};

const minimumOf = (entry: Entry): number => Number(entry.minimum_payment_amount ?? entry.next_monthly_payment ?? 0);

export const emulatorLiabilitiesUpdate = defineEndpoint({
  schema: emulatorLiabilitiesUpdateSchema,
  run: async ({ body, ctx }) => {
    const item = await loadItem(ctx.store, body.item_id);
    if (!item.products.includes(Products.Liabilities)) {
      throw new EmulatorError("INVALID_FIELD", { message: "item_id is invalid: the item has no Liabilities product" });
    }
    const [account] = selectAccounts(item, [body.account_id]);
    const kind = account ? liabilityKindOf(account) : null;
    if (!account || !kind) throw new EmulatorError("NO_LIABILITY_ACCOUNTS");
    const before = entryFor(
      await liabilitiesOf(ctx.store, { item, accounts: [account], now: ctx.now }),
      kind,
      account.account_id,
    );
    const amount = body.payment_amount ?? minimumOf(before);
    if (!(amount > 0)) {
      throw new EmulatorError("INVALID_FIELD", { message: "nothing is due on the account: give payment_amount" });
    }
    const today = formatDay(toDayNumber(ctx.now));
    const { account: moved } = await createTransactions(ctx, {
      item,
      accountId: account.account_id,
      transactions: [
        {
          amount: -amount,
          description: "PAYMENT RECEIVED - THANK YOU",
          date: today,
          authorizedDate: today,
          category: PAYMENT_CATEGORY[kind],
        },
      ],
    });
    const after = entryFor(
      await liabilitiesOf(ctx.store, { item, accounts: [moved], now: ctx.now }),
      kind,
      account.account_id,
    );
    const changed = Object.keys(after).filter(
      (field) => JSON.stringify(after[field]) !== JSON.stringify(before[field]),
    );
    const fired = sendItemWebhook(
      ctx.webhooks,
      item,
      liabilitiesDefaultUpdatePayload(item.itemId, { added: [], updated: { [account.account_id]: changed } }),
    );
    return {
      account_id: account.account_id,
      liabilities: { [kind]: [after] },
      updated_fields: changed,
      webhook_fired: fired,
    };
  },
});
