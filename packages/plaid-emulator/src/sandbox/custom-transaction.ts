// Transactions a caller asks for (/sandbox/transactions/create, the emulator's test hook) in the same
// shape as the generated ones. Enrichment follows the statement text as Plaid's would: a description
// the catalogue knows gets that merchant; a merchant name the catalogue knows gets its logo, website and
// category; any other merchant name is a merchant of its own; nothing known leaves the transaction
// unenriched (no merchant, a low-confidence category by direction).
import { type AccountBase, CounterpartyType, type Transaction, TransactionPaymentChannelEnum } from "plaid";
import { buildTransaction } from "./build-transaction.ts";
import { findMerchantByDescription, findMerchantsByName, type Merchant, NO_LOCATION } from "./merchants.ts";

export type CustomTransactionInput = {
  transactionId: string;
  account: AccountBase;
  /** Plaid's sign: positive is money leaving the account, negative money arriving. */
  amount: number;
  /** The statement text: Plaid's `name`. */
  description: string;
  /** Day numbers (see dates.ts): `date` and `authorized_date`. */
  day: number;
  authorizedDay: number;
  pending: boolean;
  merchantName?: string | null;
  /** A Plaid personal finance category, detailed level, e.g. "FOOD_AND_DRINK_RESTAURANT". */
  category?: string | null;
  /** Defaults to the account's currency. */
  isoCurrencyCode?: string | null;
};

const isIncoming = (merchant: Merchant) => /^(INCOME|TRANSFER_IN)_/.test(merchant.pfc);

// Money in goes to an income or transfer-in entry when the name has one (Venmo cashing out), money out
// to any other.
function catalogueMerchantNamed(merchantName: string, amount: number): Merchant | null {
  const named = findMerchantsByName(merchantName);
  return named.find((merchant) => isIncoming(merchant) === amount < 0) ?? named[0] ?? null;
}

function merchantOfItsOwn({ description, merchantName, amount }: CustomTransactionInput): Merchant {
  const charge = amount > 0;
  return {
    key: `custom:${merchantName ?? description}`,
    description,
    merchantName: merchantName ?? null,
    website: null,
    logo: null,
    counterparty: merchantName ? CounterpartyType.Merchant : null,
    pfc: charge ? "GENERAL_MERCHANDISE_OTHER_GENERAL_MERCHANDISE" : "TRANSFER_IN_DEPOSIT",
    legacyCategoryId: charge ? "19000000" : "21007000",
    channel: merchantName ? TransactionPaymentChannelEnum.InStore : TransactionPaymentChannelEnum.Other,
    amount: { mean: Math.abs(amount), sd: 0, min: 0 },
    location: { ...NO_LOCATION },
  };
}

function resolveMerchant(input: CustomTransactionInput): { merchant: Merchant; enriched: boolean } {
  if (input.merchantName) {
    return {
      merchant: catalogueMerchantNamed(input.merchantName, input.amount) ?? merchantOfItsOwn(input),
      enriched: true,
    };
  }
  const known = findMerchantByDescription(input.description);
  if (known) return { merchant: known, enriched: true };
  return { merchant: merchantOfItsOwn(input), enriched: Boolean(input.category) };
}

export function buildCustomTransaction(input: CustomTransactionInput): Transaction {
  const resolved = resolveMerchant(input);
  const merchant = input.category ? { ...resolved.merchant, pfc: input.category } : resolved.merchant;
  const transaction = buildTransaction({
    transactionId: input.transactionId,
    account: input.account,
    merchant,
    amount: input.amount,
    day: input.day,
    authorizedDay: input.authorizedDay,
    pending: input.pending,
    enriched: resolved.enriched,
    confidence: "VERY_HIGH",
  });
  // The statement text is the caller's, even where the merchant came from the catalogue.
  transaction.name = input.description;
  if (input.isoCurrencyCode) transaction.iso_currency_code = input.isoCurrencyCode;
  return transaction;
}
