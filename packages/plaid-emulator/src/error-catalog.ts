// Every Plaid error the emulator can answer with: its type, HTTP status and messages, as Plaid's error
// reference (plaid.com/docs/errors) gives them. Faults, sandbox `error_<CODE>` passwords and the
// endpoints all draw from this one table, so an error looks the same whichever path produced it.
import { PlaidErrorType } from "plaid";

export type CatalogEntry = {
  type: PlaidErrorType;
  status: number;
  message: string;
  display: string | null;
};

const RATE_LIMIT_MESSAGE = "rate limit exceeded for attempts to access this item. please try again later";
const INSTITUTION_BUSY = "this institution is not currently responding to this request. please try again soon";
const INSTITUTION_BUSY_DISPLAY =
  "This financial institution is not currently responding to requests. We apologize for the inconvenience.";

const { InvalidRequest, InvalidInput, ItemError, InstitutionError, ApiError, RateLimitExceeded } = PlaidErrorType;

function entry(type: PlaidErrorType, message: string, display: string | null = null, status = 400): CatalogEntry {
  return { type, status, message, display };
}

function rateLimit(message = RATE_LIMIT_MESSAGE): CatalogEntry {
  return entry(RateLimitExceeded, message, null, 429);
}

export const ERROR_CATALOG = {
  // Invalid request: the call itself is malformed.
  INVALID_BODY: entry(InvalidRequest, "body could not be parsed as JSON"),
  INVALID_FIELD: entry(InvalidRequest, "one or more fields are invalid"),
  INVALID_HEADERS: entry(InvalidRequest, "the request is missing a required header"),
  MISSING_FIELDS: entry(InvalidRequest, "the following required fields are missing"),
  NOT_FOUND: entry(InvalidRequest, "not found", null, 404),
  // Not one of Plaid's codes: the emulator's answer to anything but POST on a known path.
  METHOD_NOT_ALLOWED: entry(InvalidRequest, "only POST requests are accepted", null, 405),

  // Invalid input: well-formed, but a value does not match anything.
  INVALID_API_KEYS: entry(InvalidInput, "invalid client_id or secret provided"),
  INVALID_ACCESS_TOKEN: entry(InvalidInput, "could not find matching access token"),
  INVALID_PUBLIC_TOKEN: entry(InvalidInput, "could not find matching public token"),
  INVALID_LINK_TOKEN: entry(InvalidInput, "invalid link_token provided"),
  INVALID_INSTITUTION: entry(InvalidInput, "invalid institution_id provided"),
  INVALID_ACCOUNT_ID: entry(InvalidInput, "failed to find requested account ID for requested item"),
  INVALID_WEBHOOK_VERIFICATION_KEY_ID: entry(
    InvalidInput,
    "invalid key_id provided. note that key_ids are specific to Plaid environments, and verification requests must be made to the same environment that the webhook was sent from",
  ),

  // Item errors: the login or the item itself.
  // An OAuth bank's consent page answered "Deny", or the person withdrew an account's access.
  ACCESS_NOT_GRANTED: entry(
    ItemError,
    "the user did not grant the necessary permissions for their account",
    "The user did not grant the necessary permissions for their account.",
  ),
  INVALID_CREDENTIALS: entry(
    ItemError,
    "the provided credentials were not correct",
    "The provided credentials were not correct. Please try again.",
  ),
  INVALID_MFA: entry(
    ItemError,
    "the provided MFA response(s) were not correct",
    "The provided MFA responses were not correct. Please try again.",
  ),
  INVALID_SEND_METHOD: entry(ItemError, "the provided MFA send_method was invalid"),
  INVALID_UPDATED_USERNAME: entry(
    ItemError,
    "the username provided to /item/credentials/update does not match the original username for the item",
  ),
  INSUFFICIENT_CREDENTIALS: entry(
    ItemError,
    "insufficient authorization was provided to complete the request",
    "INSUFFICIENT_CREDENTIALS",
  ),
  ITEM_LOCKED: entry(
    ItemError,
    "the account is locked. prompt the user to visit the institution's site and unlock their account",
    "The given account has been locked by the financial institution. Please visit your financial institution's website to unlock your account.",
  ),
  ITEM_LOGIN_REQUIRED: entry(
    ItemError,
    "the login details of this item have changed (credentials, MFA, or required user action) and a user login is required to update this information. use Link's update mode to restore the item to a good state",
  ),
  ITEM_NOT_FOUND: entry(
    ItemError,
    "The Item you requested cannot be found. This Item does not exist, has been previously removed via /item/remove, or has had access removed by the user.",
  ),
  ITEM_NOT_SUPPORTED: entry(
    ItemError,
    "this account is currently not supported",
    "The given account is not currently supported for this financial institution. We apologize for the inconvenience.",
  ),
  MFA_NOT_SUPPORTED: entry(
    ItemError,
    "this account requires a MFA type that we do not currently support for the institution",
    "The multi-factor security features enabled on this account are not currently supported for this financial institution. We apologize for the inconvenience.",
  ),
  NO_ACCOUNTS: entry(
    ItemError,
    "no valid accounts were found for this item",
    "No valid accounts were found at the financial institution. Please visit your financial institution's website to confirm accounts are available.",
  ),
  PASSWORD_RESET_REQUIRED: entry(
    ItemError,
    "user must reset their password",
    "The user needs to reset their password for their account",
  ),
  PRODUCT_NOT_READY: entry(
    ItemError,
    "the requested product is not yet ready. please provide a webhook or try the request again later",
  ),
  PRODUCTS_NOT_SUPPORTED: entry(ItemError, ""),
  NO_LIABILITY_ACCOUNTS: entry(ItemError, "the item has no accounts with liabilities data"),
  USER_SETUP_REQUIRED: entry(
    ItemError,
    "the account has not been fully set up. prompt the user to visit the issuing institution's site and finish the setup process",
    "The given account is not fully setup. Please visit your financial institution's website to setup your account.",
  ),
  USER_PERMISSION_REVOKED: entry(
    ItemError,
    "the holder of this account has revoked their permission for your application to access it",
  ),
  USER_INPUT_TIMEOUT: entry(
    ItemError,
    "user must retry this operation",
    "The application timed out waiting for user input",
  ),

  // Institution errors: the bank is unavailable.
  INSTITUTION_DOWN: entry(InstitutionError, INSTITUTION_BUSY, INSTITUTION_BUSY_DISPLAY),
  INSTITUTION_NOT_RESPONDING: entry(InstitutionError, INSTITUTION_BUSY, INSTITUTION_BUSY_DISPLAY),
  INSTITUTION_NOT_AVAILABLE: entry(InstitutionError, INSTITUTION_BUSY, INSTITUTION_BUSY_DISPLAY),
  INSTITUTION_NOT_FOUND: entry(InstitutionError, "this institution was not found. Please check the ID supplied"),
  INSTITUTION_NO_LONGER_SUPPORTED: entry(
    InstitutionError,
    "this institution is no longer supported",
    "This financial institution is no longer supported. We apologize for the inconvenience.",
  ),
  UNSUPPORTED_RESPONSE: entry(
    InstitutionError,
    "the data returned from the financial institution is not valid",
    "The data returned from the financial institution is not valid.",
  ),

  // API errors: Plaid's side.
  INTERNAL_SERVER_ERROR: entry(ApiError, "an unexpected error occurred", null, 500),
  PLANNED_MAINTENANCE: entry(
    ApiError,
    "the Plaid API is temporarily unavailable due to planned maintenance. visit https://status.plaid.com/ for more information",
    null,
    503,
  ),

  // The 429 family.
  RATE_LIMIT: rateLimit(),
  ACCOUNTS_LIMIT: rateLimit(),
  ACCOUNTS_BALANCE_GET_LIMIT: rateLimit(),
  BALANCE_LIMIT: rateLimit(),
  AUTH_LIMIT: rateLimit(),
  IDENTITY_LIMIT: rateLimit(),
  ITEM_GET_LIMIT: rateLimit(),
  INSTITUTIONS_GET_LIMIT: rateLimit(
    'rate limit exceeded for attempts to access "institutions get by id". please try again later',
  ),
  INSTITUTIONS_GET_BY_ID_LIMIT: rateLimit(
    'rate limit exceeded for attempts to access "institutions get by id". please try again later',
  ),
  INSTITUTION_RATE_LIMIT: rateLimit(
    "The institution is currently receiving too many requests. Please try again later.",
  ),
  TRANSACTIONS_LIMIT: rateLimit(),
  TRANSACTIONS_REFRESH_LIMIT: rateLimit(),
  TRANSACTIONS_SYNC_LIMIT: rateLimit(),

  TRANSACTIONS_SYNC_MUTATION_DURING_PAGINATION: entry(
    PlaidErrorType.TransactionsError,
    "Underlying transaction data changed since last page was fetched. Please restart pagination from last update.",
  ),
  SANDBOX_WEBHOOK_INVALID: entry(
    PlaidErrorType.SandboxError,
    "Webhook for this item is either not set up, or invalid. Please update the item's webhook and try again.",
  ),
  // Link reopened after an OAuth bank's redirect with the wrong link token, or a state spent already.
  INCORRECT_LINK_TOKEN: entry(PlaidErrorType.OauthError, "link token does not match original link token"),
  OAUTH_STATE_ID_ALREADY_PROCESSED: entry(PlaidErrorType.OauthError, "the OAuth state has already been processed"),
  SANDBOX_PRODUCT_NOT_ENABLED: entry(PlaidErrorType.SandboxError, "The requested product is not enabled on this item"),
} satisfies Record<string, CatalogEntry>;

export type EmulatorErrorCode = keyof typeof ERROR_CATALOG;

export function isCatalogCode(code: string): code is EmulatorErrorCode {
  return Object.hasOwn(ERROR_CATALOG, code);
}

// Where each error type is documented, for the error object's documentation_url.
const DOCUMENTATION_PAGES: Partial<Record<PlaidErrorType, string>> = {
  [InvalidRequest]: "invalid-request",
  [InvalidInput]: "invalid-input",
  [ItemError]: "item",
  [InstitutionError]: "institution",
  [ApiError]: "api",
  [RateLimitExceeded]: "rate-limit-exceeded",
  [PlaidErrorType.TransactionsError]: "transactions",
  [PlaidErrorType.SandboxError]: "sandbox",
  [PlaidErrorType.OauthError]: "oauth",
};

export function documentationUrl(code: EmulatorErrorCode): string {
  const page = DOCUMENTATION_PAGES[ERROR_CATALOG[code].type] ?? "";
  return `https://plaid.com/docs/errors/${page}${page ? "/" : ""}#${code.toLowerCase()}`;
}
