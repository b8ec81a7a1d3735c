// The request bodies the emulator accepts, one zod schema per endpoint, following Plaid's API
// reference (required fields, types, ranges). API keys are checked before and stripped from these.
import {
  AccountSubtype,
  AccountType,
  CountryCode,
  PendingDisconnectWebhookReason,
  Products,
  SandboxItemFireWebhookRequestWebhookCodeEnum,
  WebhookType,
} from "plaid";
import { z } from "zod";
import { isCatalogCode } from "./error-catalog.ts";
import { isPfcDetailed } from "./sandbox/merchants.ts";

const LANGUAGES = [
  "da",
  "de",
  "en",
  "es",
  "et",
  "fr",
  "it",
  "ja",
  "lt",
  "lv",
  "nl",
  "no",
  "pl",
  "pt",
  "ro",
  "sv",
  "vi",
];

const accessToken = z.string();
const countryCodes = z.array(z.enum(CountryCode)).min(1);
const products = z.array(z.enum(Products));
const webhookUrl = z.url({ protocol: /^https?$/ });
const pageCount = z.int().min(1).max(500);
// Amounts in cents: at most two decimals, and within what a numeric(15,2) column downstream can hold.
const money = z
  .number()
  .refine((value) => Number(value.toFixed(2)) === value, { message: "must have at most two decimals" })
  .refine((value) => Math.abs(value) < 1e9, { message: "must be less than 1,000,000,000 in size" });
const transactionAmount = money.refine((value) => value !== 0, { message: "must not be zero" });
const statementText = z.string().trim().min(1).max(255);

// Plaid: no query string; https, except http on localhost or 127.0.0.1 (allowed in the sandbox).
const redirectUri = z.string().refine(
  (value) => {
    if (!URL.canParse(value)) return false;
    const url = new URL(value);
    if (url.search || url.hash || url.username || url.password) return false;
    if (url.protocol === "https:") return true;
    return url.protocol === "http:" && (url.hostname === "localhost" || url.hostname === "127.0.0.1");
  },
  { message: "must be an https URI without a query string (http is allowed only for localhost)" },
);

export const linkTokenCreateSchema = z.object({
  client_name: z.string().min(1).max(30),
  language: z.enum(LANGUAGES),
  country_codes: countryCodes,
  user: z.object({ client_user_id: z.string().min(1) }),
  products: products.nullish(),
  // Products the item gets when its institution supports them (Link still finds institutions without).
  optional_products: products.nullish(),
  webhook: webhookUrl.optional(),
  access_token: accessToken.nullish(),
  redirect_uri: redirectUri.nullish(),
  // Update mode: let the person add or remove accounts (after NEW_ACCOUNTS_AVAILABLE).
  update: z.object({ account_selection_enabled: z.boolean().optional() }).optional(),
});

export const publicTokenExchangeSchema = z.object({ public_token: z.string() });

export const accessTokenSchema = z.object({ access_token: accessToken });

export const itemWebhookUpdateSchema = z.object({ access_token: accessToken, webhook: webhookUrl.nullish() });

const institutionOptions = z
  .object({ include_optional_metadata: z.boolean().optional(), include_status: z.boolean().optional() })
  .optional();

export const institutionsGetByIdSchema = z.object({
  institution_id: z.string(),
  country_codes: countryCodes,
  options: institutionOptions,
});

export const institutionsSearchSchema = z.object({
  query: z.string().min(1),
  country_codes: countryCodes,
  products: products.nullish(),
  options: institutionOptions,
});

export const accountsGetSchema = z.object({
  access_token: accessToken,
  options: z.object({ account_ids: z.array(z.string()).optional() }).optional(),
});

export const transactionsSyncSchema = z.object({
  access_token: accessToken,
  cursor: z.string().nullish(),
  count: pageCount.default(100),
  options: z
    .object({ include_original_description: z.boolean().nullish(), account_id: z.string().optional() })
    .optional(),
});

export const transactionsGetSchema = z.object({
  access_token: accessToken,
  start_date: z.iso.date(),
  end_date: z.iso.date(),
  options: z
    .object({
      count: pageCount.optional(),
      offset: z.int().min(0).optional(),
      account_ids: z.array(z.string()).optional(),
      include_original_description: z.boolean().nullish(),
    })
    .optional(),
});

export const webhookVerificationKeyGetSchema = z.object({ key_id: z.string() });

export const sandboxPublicTokenCreateSchema = z.object({
  institution_id: z.string(),
  initial_products: products.min(1),
  options: z
    .object({
      webhook: webhookUrl.optional(),
      override_username: z.string().nullish(),
      override_password: z.string().nullish(),
    })
    .optional(),
});

export const sandboxFireWebhookSchema = z.object({
  access_token: accessToken,
  webhook_type: z.enum(WebhookType).optional(),
  webhook_code: z.enum(SandboxItemFireWebhookRequestWebhookCodeEnum),
});

// Plaid takes up to 10 at a time, dated today or up to 14 days back (checked against the clock later).
export const sandboxTransactionsCreateSchema = z.object({
  access_token: accessToken,
  transactions: z
    .array(
      z.object({
        date_transacted: z.iso.date(),
        date_posted: z.iso.date(),
        amount: transactionAmount,
        description: statementText,
        iso_currency_code: z
          .string()
          .regex(/^[A-Z]{3}$/, { message: "must be an ISO-4217 code" })
          .nullish(),
      }),
    )
    .min(1)
    .max(10),
});

// The Link stand-in's own calls, authenticated by the link_token alone (as Plaid's Link is).
export const linkSessionSchema = z.object({ link_token: z.string() });

export const linkInstitutionsSchema = z.object({ link_token: z.string(), query: z.string().default("") });

export const linkLoginSchema = z.object({
  link_token: z.string(),
  link_session_id: z.string().min(1),
  institution_id: z.string(),
  username: z.string(),
  password: z.string(),
});

export const linkAccountsSelectSchema = z.object({
  link_token: z.string(),
  link_session_id: z.string().min(1),
  /** The login's public token: it names the item, and is used up. */
  public_token: z.string(),
  account_ids: z.array(z.string().min(1)).min(1, { message: "select at least one account" }).max(100),
});

export const linkOAuthStartSchema = z.object({
  link_token: z.string(),
  link_session_id: z.string().min(1),
  institution_id: z.string(),
});

export const linkOAuthCompleteSchema = z.object({
  link_token: z.string(),
  link_session_id: z.string().min(1),
  received_redirect_uri: z.string().min(1),
});

// Fault control.
export const faultCreateSchema = z.object({
  item_id: z.string().min(1).nullish(),
  endpoint: z.string().min(1).nullish(),
  error_code: z
    .string()
    .refine(isCatalogCode, { message: "must be one of the Plaid error codes the emulator knows" })
    .nullish(),
  remaining: z.int().min(1).nullish(),
  rate: z.number().gt(0).lte(1).nullish(),
  latency_ms: z.int().min(0).max(60_000).optional(),
  mutate_during_pagination: z.boolean().optional(),
  retry_after_seconds: z.int().min(0).nullish(),
});

export const faultClearSchema = z.object({ item_id: z.string().min(1).optional() });

export const emptySchema = z.object({});

// Emulator test hooks.
export const emulatorItemsListSchema = z.object({ client_user_id: z.string().min(1).optional() });

export const emulatorItemSchema = z.object({ item_id: z.string().min(1) });

export const emulatorLinkTokenSchema = z.object({ link_token: z.string().min(1) });

export const emulatorTransactionsCreateSchema = z.object({
  item_id: z.string().min(1),
  account_id: z.string().min(1).optional(),
  transactions: z
    .array(
      z.object({
        amount: transactionAmount,
        description: statementText,
        merchant_name: statementText.nullish(),
        date: z.iso.date().optional(),
        category: z
          .string()
          .refine(isPfcDetailed, { message: "must be a Plaid personal finance category (detailed)" })
          .nullish(),
        pending: z.boolean().optional(),
      }),
    )
    .min(1)
    .max(100),
});

export const emulatorAccountsCreateSchema = z.object({
  item_id: z.string().min(1),
  type: z.enum(AccountType),
  subtype: z.enum(AccountSubtype),
  name: z.string().trim().min(1).max(100),
  current_balance: money.default(0),
});

export const liabilitiesGetSchema = accountsGetSchema;

export const emulatorLiabilitiesGetSchema = z.object({
  item_id: z.string().min(1),
  account_ids: z.array(z.string()).optional(),
});

// A payment the bank received on a card or loan (default: the minimum due), then LIABILITIES DEFAULT_UPDATE.
export const emulatorLiabilitiesUpdateSchema = z.object({
  item_id: z.string().min(1),
  account_id: z.string().min(1),
  payment_amount: money.refine((value) => value > 0, { message: "must be greater than zero" }).optional(),
});

export const emulatorSetBalanceSchema = z
  .object({
    item_id: z.string().min(1),
    account_id: z.string().min(1),
    current: money.optional(),
    available: money.nullable().optional(),
    fire_webhook: z.boolean().default(true),
  })
  .refine((body) => body.current !== undefined || body.available !== undefined, {
    message: "give current, available or both",
    path: ["current"],
  });

export const emulatorItemUpdateSchema = z
  .object({
    item_id: z.string().min(1),
    last_successful_update: z.iso.datetime({ offset: true }).optional(),
    consent_expiration_time: z.iso.datetime({ offset: true }).nullable().optional(),
  })
  .refine((body) => body.last_successful_update !== undefined || body.consent_expiration_time !== undefined, {
    message: "give last_successful_update, consent_expiration_time or both",
    path: ["last_successful_update"],
  });

export const emulatorInstitutionStatusSchema = z.object({
  institution_id: z.string().min(1),
  status: z.enum(["HEALTHY", "DEGRADED", "DOWN"]),
});

// Any item webhook by item id; which fields a code needs is checked with the code (fire-webhook.ts).
export const emulatorFireWebhookSchema = z.object({
  item_id: z.string().min(1),
  webhook_type: z.string().min(1),
  webhook_code: z.string().min(1),
  consent_expiration_time: z.iso.datetime({ offset: true }).optional(),
  reason: z.enum(PendingDisconnectWebhookReason).optional(),
  error_code: z
    .string()
    .refine(isCatalogCode, { message: "must be one of the Plaid error codes the emulator knows" })
    .optional(),
  account_id: z.string().min(1).optional(),
});
