// /accounts/get and /accounts/balance/get: the item's nine sandbox accounts with their current
// balances (which /transactions/refresh moves). Both refuse an item that needs its login repaired.
import type { AccountBase, AccountsGetResponse } from "plaid";
import { defineItemEndpoint } from "../endpoint.ts";
import { EmulatorError } from "../errors.ts";
import { type EmulatorItem, serializeItem, sharedAccounts } from "../items.ts";
import { accountsGetSchema } from "../schemas.ts";

/**
 * The item's shared accounts, or only those asked for; an id the item does not have (or the person has
 * not shared) is INVALID_ACCOUNT_ID.
 */
export function selectAccounts(item: EmulatorItem, accountIds: string[] | undefined): AccountBase[] {
  const accounts = sharedAccounts(item);
  if (!accountIds) return accounts;
  const known = new Set(accounts.map((account) => account.account_id));
  if (accountIds.some((id) => !known.has(id))) throw new EmulatorError("INVALID_ACCOUNT_ID");
  return accounts.filter((account) => accountIds.includes(account.account_id));
}

export const accountsGet = defineItemEndpoint({
  schema: accountsGetSchema,
  requiresHealthyItem: true,
  run: async ({ body, item }): Promise<Omit<AccountsGetResponse, "request_id">> => ({
    accounts: selectAccounts(item, body.options?.account_ids),
    item: serializeItem(item),
  }),
});

export const accountsBalanceGet = defineItemEndpoint({
  schema: accountsGetSchema,
  requiresHealthyItem: true,
  // A real-time read: the balances carry the moment they were read.
  run: async ({ body, item, ctx }): Promise<Omit<AccountsGetResponse, "request_id">> => ({
    accounts: selectAccounts(item, body.options?.account_ids).map((account) => ({
      ...account,
      balances: { ...account.balances, last_updated_datetime: ctx.now.toISOString() },
    })),
    item: serializeItem(item),
  }),
});
