// Plaid's sandbox-only endpoints: /sandbox/public_token/create (an item without Link),
// /sandbox/item/reset_login (forces ITEM_LOGIN_REQUIRED), /sandbox/item/fire_webhook and
// /sandbox/transactions/create (posted transactions for a user_transactions_dynamic item).
import type {
  SandboxItemFireWebhookResponse,
  SandboxItemResetLoginResponse,
  SandboxPublicTokenCreateResponse,
  SandboxTransactionsCreateResponse,
} from "plaid";
import { checkRecentDay, createTransactions } from "../account-changes.ts";
import {
  checkSandboxCredentials,
  DYNAMIC_TRANSACTIONS_USER,
  isDynamicTransactionsUser,
  SANDBOX_PASSWORD,
} from "../credentials.ts";
import { defineEndpoint, defineItemEndpoint, type EmulatorContext } from "../endpoint.ts";
import { EmulatorError } from "../errors.ts";
import { fireItemWebhook, setErrorAndNotify } from "../fire-webhook.ts";
import { createItem, type EmulatorItem } from "../items.ts";
import { findSandboxInstitution } from "../sandbox/index.ts";
import {
  accessTokenSchema,
  sandboxFireWebhookSchema,
  sandboxPublicTokenCreateSchema,
  sandboxTransactionsCreateSchema,
} from "../schemas.ts";
import { createPublicToken } from "../tokens.ts";

export const sandboxPublicTokenCreate = defineEndpoint({
  schema: sandboxPublicTokenCreateSchema,
  run: async ({ body, ctx }): Promise<Omit<SandboxPublicTokenCreateResponse, "request_id">> => {
    if (!findSandboxInstitution(body.institution_id)) throw new EmulatorError("INVALID_INSTITUTION");
    const username = body.options?.override_username ?? "user_good";
    checkSandboxCredentials({ username, password: body.options?.override_password ?? SANDBOX_PASSWORD });
    if (body.options?.webhook) ctx.webhooks.requireAllowed(body.options.webhook);
    const item = await createItem(ctx.store, {
      clientId: ctx.clientId ?? "",
      institutionId: body.institution_id,
      username,
      webhook: body.options?.webhook ?? null,
      products: body.initial_products,
      now: ctx.now,
    });
    return {
      public_token: await createPublicToken(ctx.store, { itemId: item.itemId, clientId: item.clientId, now: ctx.now }),
    };
  },
});

/** Puts the item in ITEM_LOGIN_REQUIRED (data endpoints then fail with it) and tells its webhook. */
export function requireLogin(ctx: EmulatorContext, item: EmulatorItem): Promise<void> {
  return setErrorAndNotify(ctx, item, "ITEM_LOGIN_REQUIRED");
}

export const sandboxItemResetLogin = defineItemEndpoint({
  schema: accessTokenSchema,
  run: async ({ item, ctx }): Promise<Omit<SandboxItemResetLoginResponse, "request_id">> => {
    await requireLogin(ctx, item);
    return { reset_login: true };
  },
});

// The item's state moves with what the webhook says (fire-webhook.ts), as /emulator/items/fire_webhook's.
export const sandboxItemFireWebhook = defineItemEndpoint({
  schema: sandboxFireWebhookSchema,
  run: async ({ body, item, ctx }): Promise<Omit<SandboxItemFireWebhookResponse, "request_id">> => {
    await fireItemWebhook(ctx, item, { webhookType: body.webhook_type, webhookCode: body.webhook_code });
    return { webhook_fired: true };
  },
});

// Plaid: "Transaction date must be the present date or a date up to 14 days in the past."
const CUSTOM_TRANSACTION_MAX_AGE_DAYS = 14;

/**
 * Posted transactions on the item's first checking account (Plaid's API names no account; it applies
 * custom transactions to "the depository account"). Only for user_transactions_dynamic items: any other
 * is refused with INVALID_FIELD, the closest of Plaid's codes to "not for this item".
 */
export const sandboxTransactionsCreate = defineItemEndpoint({
  schema: sandboxTransactionsCreateSchema,
  requiresHealthyItem: true,
  run: async ({ body, item, ctx }): Promise<Omit<SandboxTransactionsCreateResponse, "request_id">> => {
    if (!isDynamicTransactionsUser(item.username)) {
      throw new EmulatorError("INVALID_FIELD", {
        message: `access_token is invalid: /sandbox/transactions/create can only be used with Items created with the ${DYNAMIC_TRANSACTIONS_USER} test user`,
      });
    }
    body.transactions.forEach((transaction, index) => {
      for (const field of ["date_transacted", "date_posted"] as const) {
        checkRecentDay({
          day: transaction[field],
          field: `transactions[${index}].${field}`,
          now: ctx.now,
          maxAgeDays: CUSTOM_TRANSACTION_MAX_AGE_DAYS,
        });
      }
      if (transaction.date_posted < transaction.date_transacted) {
        throw new EmulatorError("INVALID_FIELD", {
          message: `transactions[${index}].date_posted is invalid: must not be before date_transacted`,
        });
      }
    });
    await createTransactions(ctx, {
      item,
      transactions: body.transactions.map((transaction) => ({
        amount: transaction.amount,
        description: transaction.description,
        date: transaction.date_posted,
        authorizedDate: transaction.date_transacted,
        isoCurrencyCode: transaction.iso_currency_code,
      })),
    });
    return {};
  },
});
