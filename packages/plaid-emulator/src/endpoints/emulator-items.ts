// Emulator test hooks for callers that never see access tokens (end-to-end tests drive the app, which
// keeps its tokens sealed), all by item id: list a Link user's items (with their accounts), reset an
// item's login, fire any item webhook at it, create transactions on it and set an account's balances. Not Plaid endpoints; they take
// the same client_id / secret as every Plaid call.
import { checkRecentDay, createTransactions, setAccountBalances } from "../account-changes.ts";
import { openAccount } from "../account-selection.ts";
import { defineEndpoint } from "../endpoint.ts";
import { fireItemWebhook } from "../fire-webhook.ts";
import { ITEM_COLUMNS, loadItem, plaidTimestamp, toItem } from "../items.ts";
import { formatDay, HISTORY_DAYS, toDayNumber } from "../sandbox/index.ts";
import {
  emulatorAccountsCreateSchema,
  emulatorFireWebhookSchema,
  emulatorItemSchema,
  emulatorItemsListSchema,
  emulatorLinkTokenSchema,
  emulatorSetBalanceSchema,
  emulatorTransactionsCreateSchema,
} from "../schemas.ts";
import type { Sql } from "../store/store.ts";
import { expireLinkToken } from "../tokens.ts";
import { requireLogin } from "./sandbox.ts";

/** Items a client_user_id linked through Link (create mode) or updated (update mode). */
async function itemIdsOfLinkUser(sql: Sql, clientUserId: string): Promise<string[]> {
  const tokens = await sql.query<{ item_id: string | null; request: { linked_item_ids?: string[] } }>(
    "SELECT item_id, request FROM plaid_emulator.link_tokens WHERE client_user_id = $1",
    [clientUserId],
  );
  return tokens.flatMap((token) => [
    ...(token.item_id ? [token.item_id] : []),
    ...(token.request.linked_item_ids ?? []),
  ]);
}

export const emulatorItemsList = defineEndpoint({
  schema: emulatorItemsListSchema,
  run: async ({ body, ctx }) => {
    const itemIds = body.client_user_id ? await itemIdsOfLinkUser(ctx.store, body.client_user_id) : null;
    const rows = await ctx.store.query<Parameters<typeof toItem>[0]>(
      `SELECT ${ITEM_COLUMNS} FROM plaid_emulator.items
       WHERE removed_at IS NULL AND ($1::text[] IS NULL OR item_id = ANY($1::text[]))
       ORDER BY created_at, item_id`,
      [itemIds],
    );
    return {
      items: rows.map(toItem).map((item) => ({
        item_id: item.itemId,
        institution_id: item.institutionId,
        username: item.username,
        webhook: item.webhook,
        error_code: item.error?.error_code ?? null,
        consent_expiration_time: item.consentExpirationTime ? plaidTimestamp(item.consentExpirationTime) : null,
        created_at: item.createdAt.toISOString(),
        // So a test can pick an account (the card, say) for the hooks below; `shared` says whether the
        // person shares it with the app (Link's account selection).
        accounts: item.accounts.map(({ account_id, name, mask, type, subtype, balances }) => ({
          account_id,
          name,
          mask,
          type,
          subtype,
          balances,
          shared: !item.withheldAccountIds.includes(account_id),
        })),
      })),
    };
  },
});

export const emulatorItemResetLogin = defineEndpoint({
  schema: emulatorItemSchema,
  run: async ({ body, ctx }) => {
    await requireLogin(ctx, await loadItem(ctx.store, body.item_id));
    return { reset_login: true };
  },
});

/**
 * /sandbox/item/fire_webhook for any item, by item id and for every item webhook Plaid documents (not
 * only the sandbox's list): PENDING_EXPIRATION takes consent_expiration_time, PENDING_DISCONNECT a
 * reason, ERROR an error_code, USER_ACCOUNT_REVOKED an account_id; the item changes to match.
 */
export const emulatorItemFireWebhook = defineEndpoint({
  schema: emulatorFireWebhookSchema,
  run: async ({ body, ctx }) => {
    const item = await loadItem(ctx.store, body.item_id);
    await fireItemWebhook(ctx, item, {
      webhookType: body.webhook_type,
      webhookCode: body.webhook_code,
      consentExpirationTime: body.consent_expiration_time,
      reason: body.reason,
      errorCode: body.error_code,
      accountId: body.account_id,
    });
    return { webhook_fired: true };
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
    const item = await loadItem(ctx.store, body.item_id);
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
    return createTransactions(ctx, {
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

/**
 * An account opened at the item's bank since it was linked: withheld from the app until the person
 * adds it in Link's update mode, and announced with NEW_ACCOUNTS_AVAILABLE.
 */
export const emulatorAccountsCreate = defineEndpoint({
  schema: emulatorAccountsCreateSchema,
  run: async ({ body, ctx }) => {
    const account = await openAccount(ctx, {
      item: await loadItem(ctx.store, body.item_id),
      account: { type: body.type, subtype: body.subtype, name: body.name, currentBalance: body.current_balance },
      now: ctx.now,
    });
    return { account };
  },
});

/** An account's current and/or available balance set outright, without a transaction. */
export const emulatorSetBalance = defineEndpoint({
  schema: emulatorSetBalanceSchema,
  run: async ({ body, ctx }) => {
    const account = await setAccountBalances(ctx, {
      item: await loadItem(ctx.store, body.item_id),
      accountId: body.account_id,
      current: body.current,
      available: body.available,
      notify: body.fire_webhook,
    });
    return { account };
  },
});

/** Ends a link token now, so a test can see Link answer INVALID_LINK_TOKEN and the app replace it. */
export const emulatorLinkTokenExpire = defineEndpoint({
  schema: emulatorLinkTokenSchema,
  run: async ({ body, ctx }) => {
    await expireLinkToken(ctx.store, body.link_token, ctx.now);
    return { link_token: body.link_token, expired: true };
  },
});
