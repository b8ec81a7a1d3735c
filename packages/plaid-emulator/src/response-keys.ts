// The keys Plaid's API definition requires in each response, as lists the compiler checks against the
// `plaid` package's own types: leaving out a required key of, say, AccountBase fails `tsc`. Tests use
// them to check that what the emulator really sends has every key Plaid's clients rely on.
import type {
  AccountBalance,
  AccountBase,
  AccountsGetResponse,
  Institution,
  InstitutionsGetByIdResponse,
  Item,
  ItemGetResponse,
  ItemPublicTokenExchangeResponse,
  ItemWithConsentFields,
  JWKPublicKey,
  LinkTokenCreateResponse,
  PlaidError,
  RemovedTransaction,
  SandboxItemFireWebhookResponse,
  SandboxItemResetLoginResponse,
  SandboxPublicTokenCreateResponse,
  Transaction,
  TransactionsSyncResponse,
  WebhookVerificationKeyGetResponse,
} from "plaid";

/** The keys of T that are not optional. */
export type RequiredKeys<T> = { [K in keyof T]-?: undefined extends T[K] ? never : K }[keyof T];

type Exhaustive<T, K extends readonly PropertyKey[]> = [Exclude<RequiredKeys<T>, K[number]>] extends [never]
  ? K
  : { missing: Exclude<RequiredKeys<T>, K[number]> };

/** A key list for T that must name every required key of T (and may add optional ones). */
function keysOf<T>() {
  return <const K extends readonly (keyof T)[]>(keys: K & Exhaustive<T, K>): readonly string[] => keys as never;
}

// /item/get's Item (with consent fields) is the products' Item and two keys more.
const ITEM_KEYS = [
  "item_id",
  "webhook",
  "error",
  "available_products",
  "billed_products",
  "consent_expiration_time",
  "update_type",
] as const;

export const RESPONSE_KEYS = {
  PlaidError: keysOf<PlaidError>()([
    "error_type",
    "error_code",
    "error_code_reason",
    "error_message",
    "display_message",
    "request_id",
    "causes",
    "status",
    "documentation_url",
    "suggested_action",
  ]),
  LinkTokenCreateResponse: keysOf<LinkTokenCreateResponse>()(["link_token", "expiration", "request_id"]),
  ItemPublicTokenExchangeResponse: keysOf<ItemPublicTokenExchangeResponse>()(["access_token", "item_id", "request_id"]),
  ItemGetResponse: keysOf<ItemGetResponse>()(["item", "request_id"]),
  ItemWithConsentFields: keysOf<ItemWithConsentFields>()([...ITEM_KEYS, "institution_id", "institution_name"]),
  Item: keysOf<Item>()(ITEM_KEYS),
  Institution: keysOf<Institution>()([
    "institution_id",
    "name",
    "products",
    "country_codes",
    "routing_numbers",
    "oauth",
    "url",
    "primary_color",
    "logo",
  ]),
  InstitutionsGetByIdResponse: keysOf<InstitutionsGetByIdResponse>()(["institution", "request_id"]),
  AccountsGetResponse: keysOf<AccountsGetResponse>()(["accounts", "item", "request_id"]),
  AccountBase: keysOf<AccountBase>()(["account_id", "balances", "mask", "name", "official_name", "type", "subtype"]),
  AccountBalance: keysOf<AccountBalance>()([
    "available",
    "current",
    "limit",
    "iso_currency_code",
    "unofficial_currency_code",
  ]),
  TransactionsSyncResponse: keysOf<TransactionsSyncResponse>()([
    "transactions_update_status",
    "accounts",
    "added",
    "modified",
    "removed",
    "next_cursor",
    "has_more",
    "request_id",
  ]),
  Transaction: keysOf<Transaction>()([
    "account_id",
    "amount",
    "iso_currency_code",
    "unofficial_currency_code",
    "date",
    "location",
    "name",
    "payment_meta",
    "pending",
    "pending_transaction_id",
    "account_owner",
    "transaction_id",
    "authorized_date",
    "authorized_datetime",
    "datetime",
    "payment_channel",
    "transaction_code",
  ]),
  RemovedTransaction: keysOf<RemovedTransaction>()(["transaction_id", "account_id"]),
  WebhookVerificationKeyGetResponse: keysOf<WebhookVerificationKeyGetResponse>()(["key", "request_id"]),
  JWKPublicKey: keysOf<JWKPublicKey>()(["alg", "crv", "kid", "kty", "use", "x", "y", "created_at", "expired_at"]),
  SandboxPublicTokenCreateResponse: keysOf<SandboxPublicTokenCreateResponse>()(["public_token", "request_id"]),
  SandboxItemResetLoginResponse: keysOf<SandboxItemResetLoginResponse>()(["reset_login", "request_id"]),
  SandboxItemFireWebhookResponse: keysOf<SandboxItemFireWebhookResponse>()(["webhook_fired", "request_id"]),
} as const;

/** The required keys `value` lacks (empty when it has them all). */
export function missingKeys(value: unknown, keys: readonly string[]): string[] {
  if (typeof value !== "object" || value === null) return [...keys];
  return keys.filter((key) => !Object.hasOwn(value, key));
}
