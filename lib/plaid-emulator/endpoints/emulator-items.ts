// Emulator test hooks for callers that never see access tokens (end-to-end tests drive the app, which
// keeps its tokens sealed), all by item id: list a Link user's items (with their accounts), reset an
// item's login, create transactions on it and set an account's balances. Not Plaid endpoints; they take
// the same client_id / secret as every Plaid call.
import "server-only";
import { db } from "@/lib/db";
import { checkRecentDay, createTransactions, setAccountBalances } from "../account-changes";
import { defineEndpoint } from "../endpoint";
import { itemAccounts, loadItem } from "../items";
import { formatDay, HISTORY_DAYS, toDayNumber } from "../sandbox";
import {
  emulatorItemSchema,
  emulatorItemsListSchema,
  emulatorSetBalanceSchema,
  emulatorTransactionsCreateSchema,
} from "../schemas";
import { requireLogin } from "./sandbox";

/** Items a client_user_id linked through Link (create mode) or updated (update mode). */
async function itemIdsOfLinkUser(clientUserId: string): Promise<string[]> {
  const tokens = await db.plaidEmulatorLinkToken.findMany({
    where: { clientUserId },
    select: { itemId: true, request: true },
  });
  return tokens.flatMap((token) => [
    ...(token.itemId ? [token.itemId] : []),
    ...((token.request as { linked_item_ids?: string[] }).linked_item_ids ?? []),
  ]);
}

export const emulatorItemsList = defineEndpoint({
  schema: emulatorItemsListSchema,
  run: async ({ body }) => {
    const itemIds = body.client_user_id ? await itemIdsOfLinkUser(body.client_user_id) : undefined;
    const items = await db.plaidEmulatorItem.findMany({
      where: { removedAt: null, ...(itemIds ? { itemId: { in: itemIds } } : {}) },
      orderBy: { createdAt: "asc" },
    });
    return {
      items: items.map((item) => ({
        item_id: item.itemId,
        institution_id: item.institutionId,
        username: item.username,
        webhook: item.webhook,
        error_code: (item.error as { error_code?: string } | null)?.error_code ?? null,
        created_at: item.createdAt.toISOString(),
        // So a test can pick an account (the card, say) for the hooks below.
        accounts: itemAccounts(item).map(({ account_id, name, mask, type, subtype, balances }) => ({
          account_id,
          name,
          mask,
          type,
          subtype,
          balances,
        })),
      })),
    };
  },
});

export const emulatorItemResetLogin = defineEndpoint({
  schema: emulatorItemSchema,
  run: async ({ body, ctx }) => {
    await requireLogin(await loadItem(body.item_id), ctx.requestId);
    return { reset_login: true };
  },
});

/**
 * /sandbox/transactions/create for any item, by item id: an account of choice (default: the first
 * checking account), a merchant name and category when wanted, pending if asked, dated any day of the
 * item's history (default today). Works on an item whose login needs repair too: the bank still books.
 */
export const emulatorTransactionsCreate = defineEndpoint({
  schema: emulatorTransactionsCreateSchema,
  run: async ({ body, ctx }) => {
    const item = await loadItem(body.item_id);
    const today = formatDay(toDayNumber(ctx.now));
    body.transactions.forEach((transaction, index) => {
      if (transaction.date) {
        checkRecentDay({
          day: transaction.date,
          field: `transactions[${index}].date`,
          now: ctx.now,
          maxAgeDays: HISTORY_DAYS,
        });
      }
    });
    return createTransactions({
      item,
      accountId: body.account_id,
      transactions: body.transactions.map((transaction) => ({
        amount: transaction.amount,
        description: transaction.description,
        date: transaction.date ?? today,
        authorizedDate: transaction.date ?? today,
        pending: transaction.pending,
        merchantName: transaction.merchant_name,
        category: transaction.category,
      })),
    });
  },
});

/** An account's current and/or available balance set outright, without a transaction. */
export const emulatorSetBalance = defineEndpoint({
  schema: emulatorSetBalanceSchema,
  run: async ({ body }) => {
    const account = await setAccountBalances({
      item: await loadItem(body.item_id),
      accountId: body.account_id,
      current: body.current,
      available: body.available,
      notify: body.fire_webhook,
    });
    return { account };
  },
});
