// The emulator's endpoint table: Plaid's paths, the Link stand-in's and fault control's. (The OAuth
// bank's consent page, HTML for a browser, is answered before this table: see handler.ts.)
import type { Endpoint } from "./endpoint.ts";
import { accountsBalanceGet, accountsGet } from "./endpoints/accounts.ts";
import { emulatorInstitutionSetStatus, emulatorItemUpdate } from "./endpoints/emulator-health.ts";
import {
  emulatorAccountsCreate,
  emulatorItemFireWebhook,
  emulatorItemResetLogin,
  emulatorItemsList,
  emulatorLinkTokenExpire,
  emulatorSetBalance,
  emulatorTransactionsCreate,
} from "./endpoints/emulator-items.ts";
import { faultClear, faultCreate, faultList } from "./endpoints/faults.ts";
import { institutionsGetById, institutionsSearch } from "./endpoints/institutions.ts";
import { itemGet, itemRemove, itemWebhookUpdate, linkTokenCreate, publicTokenExchange } from "./endpoints/items.ts";
import { emulatorLiabilitiesGet, emulatorLiabilitiesUpdate, liabilitiesGet } from "./endpoints/liabilities.ts";
import { linkOAuthComplete, linkOAuthStart } from "./endpoints/link-oauth.ts";
import { linkAccountsSelect, linkInstitutions, linkLogin, linkSession } from "./endpoints/link-standin.ts";
import {
  sandboxItemFireWebhook,
  sandboxItemResetLogin,
  sandboxPublicTokenCreate,
  sandboxTransactionsCreate,
} from "./endpoints/sandbox.ts";
import { transactionsGet, transactionsRefresh, transactionsSync } from "./endpoints/transactions.ts";
import { webhookVerificationKeyGet } from "./endpoints/webhook-key.ts";

const ENDPOINTS: Record<string, Endpoint> = {
  "/link/token/create": linkTokenCreate,
  "/item/public_token/exchange": publicTokenExchange,
  "/item/get": itemGet,
  "/item/remove": itemRemove,
  "/item/webhook/update": itemWebhookUpdate,
  "/institutions/get_by_id": institutionsGetById,
  "/institutions/search": institutionsSearch,
  "/accounts/get": accountsGet,
  "/accounts/balance/get": accountsBalanceGet,
  "/transactions/sync": transactionsSync,
  "/transactions/refresh": transactionsRefresh,
  "/transactions/get": transactionsGet,
  "/liabilities/get": liabilitiesGet,
  "/webhook_verification_key/get": webhookVerificationKeyGet,
  "/sandbox/public_token/create": sandboxPublicTokenCreate,
  "/sandbox/item/reset_login": sandboxItemResetLogin,
  "/sandbox/item/fire_webhook": sandboxItemFireWebhook,
  "/sandbox/transactions/create": sandboxTransactionsCreate,
  // The Link stand-in (browser).
  "/link/session": linkSession,
  "/link/institutions": linkInstitutions,
  "/link/login": linkLogin,
  "/link/accounts/select": linkAccountsSelect,
  "/link/oauth/start": linkOAuthStart,
  "/link/oauth/complete": linkOAuthComplete,
  // Fault control (not Plaid's).
  "/emulator/faults": faultCreate,
  "/emulator/faults/list": faultList,
  "/emulator/faults/clear": faultClear,
  // Test hooks by item id, for callers without access tokens (end-to-end tests).
  "/emulator/items/list": emulatorItemsList,
  "/emulator/items/reset_login": emulatorItemResetLogin,
  "/emulator/items/fire_webhook": emulatorItemFireWebhook,
  "/emulator/items/transactions/create": emulatorTransactionsCreate,
  "/emulator/items/accounts/set_balance": emulatorSetBalance,
  "/emulator/items/accounts/create": emulatorAccountsCreate,
  "/emulator/items/update": emulatorItemUpdate,
  "/emulator/institutions/set_status": emulatorInstitutionSetStatus,
  "/emulator/items/liabilities/get": emulatorLiabilitiesGet,
  "/emulator/items/liabilities/update": emulatorLiabilitiesUpdate,
  "/emulator/link_tokens/expire": emulatorLinkTokenExpire,
};

/** Emulator control never fails by injection, or a bad fault could lock itself in. */
export const FAULT_EXEMPT_PREFIX = "/emulator/";

export const EMULATOR_PATHS = Object.keys(ENDPOINTS);

export function findEndpoint(path: string): Endpoint | null {
  return Object.hasOwn(ENDPOINTS, path) ? (ENDPOINTS[path] ?? null) : null;
}
