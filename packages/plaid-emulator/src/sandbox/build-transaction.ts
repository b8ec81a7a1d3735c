// Turns a catalogue entry, an account, an amount and a day into a transaction of exactly Plaid's shape:
// every required key present, null where Plaid's sandbox sends null.
import {
  type AccountBase,
  type PaymentMeta,
  type Transaction,
  TransactionPaymentChannelEnum,
  TransactionTransactionTypeEnum,
} from "plaid";
import { formatDay } from "./dates.ts";
import { legacyCategoryOf, type Merchant, pfcPrimaryOf } from "./merchants.ts";
import { createRng } from "./prng.ts";

export type Confidence = "VERY_HIGH" | "HIGH" | "MEDIUM" | "LOW";

export type BuildTransactionInput = {
  transactionId: string;
  account: AccountBase;
  merchant: Merchant;
  /** Plaid's sign: positive is money leaving the account, negative money arriving. */
  amount: number;
  /** Day number of `date`: the posting day, or the authorization day while pending. */
  day: number;
  authorizedDay: number;
  pending: boolean;
  pendingTransactionId?: string | null;
  /** Replaces "{mask}" in the statement text (the other account of a transfer). */
  counterpartMask?: string | null;
  /** False for a transaction Plaid has not matched to a merchant yet: raw statement data only. */
  enriched?: boolean;
  confidence?: Confidence;
  paymentMeta?: Partial<PaymentMeta>;
};

const MERCHANT_LOGOS = "https://plaid-merchant-logos.plaid.com/";
const CATEGORY_ICONS = "https://plaid-category-icons.plaid.com/";

const TRANSACTION_TYPES: Record<TransactionPaymentChannelEnum, TransactionTransactionTypeEnum> = {
  [TransactionPaymentChannelEnum.InStore]: TransactionTransactionTypeEnum.Place,
  [TransactionPaymentChannelEnum.Online]: TransactionTransactionTypeEnum.Digital,
  [TransactionPaymentChannelEnum.Other]: TransactionTransactionTypeEnum.Special,
};

const entityIds = new Map<string, string>();

/** Plaid's merchant entity ids are global, so the same merchant has the same id in every item. */
export function merchantEntityId(merchant: Merchant): string {
  let id = entityIds.get(merchant.key);
  if (!id) {
    id = createRng("merchant-entity", merchant.key).id();
    entityIds.set(merchant.key, id);
  }
  return id;
}

/** The fields Plaid's enrichment fills in; unenriched transactions carry nulls and a LOW confidence. */
export function enrichmentFields(
  merchant: Merchant,
  { enriched = true, confidence = "VERY_HIGH" }: { enriched?: boolean; confidence?: Confidence } = {},
) {
  const known = enriched && merchant.merchantName !== null;
  const logoUrl = known && merchant.logo ? MERCHANT_LOGOS + merchant.logo : null;
  const website = known ? merchant.website : null;
  const primary = pfcPrimaryOf(merchant.pfc);
  return {
    merchant_name: known ? merchant.merchantName : null,
    merchant_entity_id: known ? merchantEntityId(merchant) : null,
    logo_url: logoUrl,
    website,
    counterparties:
      known && merchant.merchantName !== null && merchant.counterparty !== null
        ? [
            {
              name: merchant.merchantName,
              type: merchant.counterparty,
              website,
              logo_url: logoUrl,
              entity_id: merchantEntityId(merchant),
              confidence_level: confidence,
            },
          ]
        : [],
    personal_finance_category: {
      primary,
      detailed: merchant.pfc,
      confidence_level: enriched ? confidence : "LOW",
    },
    personal_finance_category_icon_url: `${CATEGORY_ICONS}PFC_${primary}.png`,
    transaction_type: enriched ? TRANSACTION_TYPES[merchant.channel] : TransactionTransactionTypeEnum.Unresolved,
  };
}

export function buildTransaction(input: BuildTransactionInput): Transaction {
  const { merchant, account } = input;
  const name = merchant.description.replace("{mask}", input.counterpartMask ?? "");
  return {
    account_id: account.account_id,
    account_owner: null,
    amount: input.amount,
    authorized_date: formatDay(input.authorizedDay),
    authorized_datetime: null,
    category: legacyCategoryOf(merchant.legacyCategoryId),
    category_id: merchant.legacyCategoryId,
    check_number: null,
    date: formatDay(input.day),
    datetime: null,
    iso_currency_code: account.balances.iso_currency_code ?? "USD",
    location: { ...merchant.location },
    name,
    payment_channel: merchant.channel,
    payment_meta: {
      by_order_of: null,
      payee: null,
      payer: null,
      payment_method: null,
      payment_processor: null,
      ppd_id: null,
      reason: null,
      reference_number: null,
      ...input.paymentMeta,
    },
    pending: input.pending,
    pending_transaction_id: input.pendingTransactionId ?? null,
    transaction_code: null,
    transaction_id: input.transactionId,
    unofficial_currency_code: null,
    ...enrichmentFields(merchant, { enriched: input.enriched, confidence: input.confidence }),
  };
}
