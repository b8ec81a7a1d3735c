// /transactions/sync, /transactions/refresh and /transactions/get.
import type { Transaction, TransactionsGetResponse, TransactionsRefreshResponse } from "plaid";
import { continuesPagination } from "../cursor.ts";
import { defineItemEndpoint } from "../endpoint.ts";
import { EmulatorError } from "../errors.ts";
import { serializeItem } from "../items.ts";
import { accessTokenSchema, transactionsGetSchema, transactionsSyncSchema } from "../schemas.ts";
import { loadLiveTransactions } from "../transactions-log.ts";
import { refreshTransactions } from "../transactions-refresh.ts";
import { syncTransactions } from "../transactions-sync.ts";
import { selectAccounts } from "./accounts.ts";

export const transactionsSync = defineItemEndpoint({
  schema: transactionsSyncSchema,
  requiresHealthyItem: true,
  paginating: (body) => continuesPagination(body.cursor),
  run: ({ body, item, ctx }) =>
    syncTransactions(ctx.store, {
      itemId: item.itemId,
      cursor: body.cursor ?? undefined,
      count: body.count,
      accountId: body.options?.account_id,
      includeOriginalDescription: body.options?.include_original_description ?? false,
    }),
});

export const transactionsRefresh = defineItemEndpoint({
  schema: accessTokenSchema,
  requiresHealthyItem: true,
  run: async ({ item, ctx }): Promise<Omit<TransactionsRefreshResponse, "request_id">> => {
    await refreshTransactions({ store: ctx.store, webhooks: ctx.webhooks, item, now: ctx.now });
    return {};
  },
});

// Newest first, as Plaid lists them; the id breaks ties so pages are stable.
const newestFirst = (a: Transaction, b: Transaction) =>
  b.date.localeCompare(a.date) || a.transaction_id.localeCompare(b.transaction_id);

export const transactionsGet = defineItemEndpoint({
  schema: transactionsGetSchema,
  requiresHealthyItem: true,
  run: async ({ body, item, ctx }): Promise<Omit<TransactionsGetResponse, "request_id">> => {
    if (body.start_date > body.end_date) {
      throw new EmulatorError("INVALID_FIELD", { message: "start_date must be on or before end_date" });
    }
    const options = body.options ?? {};
    const accounts = selectAccounts(item, options.account_ids);
    const accountIds = new Set(accounts.map((account) => account.account_id));
    const matching = (await loadLiveTransactions(ctx.store, item.itemId))
      .filter((transaction) => accountIds.has(transaction.account_id))
      .filter((transaction) => transaction.date >= body.start_date && transaction.date <= body.end_date)
      .sort(newestFirst);
    const offset = options.offset ?? 0;
    const page = matching.slice(offset, offset + (options.count ?? 100));
    return {
      accounts,
      transactions: options.include_original_description
        ? page
        : page.map((t) => ({ ...t, original_description: null })),
      total_transactions: matching.length,
      item: serializeItem(item),
    };
  },
});
