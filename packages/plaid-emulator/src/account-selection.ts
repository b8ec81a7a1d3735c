// Which of an item's accounts the person shares with the app, as Link's account selection decides it,
// and accounts opened at the bank after the item was linked. A new account starts withheld and the
// item's webhook hears NEW_ACCOUNTS_AVAILABLE; it is shared once the person ticks it in update mode.
// Sharing an account appends its history to the item's change log again, so /transactions/sync gives
// it to a caller whose cursor had already passed it (as Plaid sends a newly added account's history).
import { type AccountBase, AccountHolderCategory, AccountSubtype, AccountType } from "plaid";
import type { ChangeTarget } from "./account-changes.ts";
import { EmulatorError } from "./errors.ts";
import { randomAlphanumeric } from "./ids.ts";
import { type EmulatorItem, readLockedItem, sharedAccounts } from "./items.ts";
import { buildCustomTransaction, PLAID_ID_LENGTH, roundMoney, toDayNumber } from "./sandbox/index.ts";
import { type EmulatorStore, json } from "./store/store.ts";
import {
  appendTransactionEvents,
  loadLiveTransactions,
  type TransactionEvent,
  withLockedItem,
} from "./transactions-log.ts";
import { newAccountsAvailablePayload, sendItemWebhook } from "./webhook-payloads.ts";

/**
 * Shares exactly `accountIds` of the item (at least one, all the item's own) and withholds the rest.
 * Returns the item as it now stands and the ids that became shared.
 */
export async function selectSharedAccounts(
  store: EmulatorStore,
  { itemId, accountIds }: { itemId: string; accountIds: string[] },
): Promise<{ item: EmulatorItem; newlyShared: string[] }> {
  if (accountIds.length === 0) {
    throw new EmulatorError("INVALID_FIELD", { message: "select at least one account" });
  }
  return withLockedItem(store, itemId, async (tx) => {
    const current = await readLockedItem(tx, itemId);
    const known = new Set(current.accounts.map((account) => account.account_id));
    if (accountIds.some((id) => !known.has(id))) throw new EmulatorError("INVALID_ACCOUNT_ID");
    const chosen = new Set(accountIds);
    const before = new Set(sharedAccounts(current).map((account) => account.account_id));
    const newlyShared = [...chosen].filter((id) => !before.has(id));
    const withheld = current.accounts.map((account) => account.account_id).filter((id) => !chosen.has(id));
    await tx.query("UPDATE plaid_emulator.items SET withheld_account_ids = $2::text::jsonb WHERE item_id = $1", [
      itemId,
      json(withheld),
    ]);
    if (newlyShared.length > 0) {
      const shared = new Set(newlyShared);
      const history = (await loadLiveTransactions(tx, itemId)).filter((transaction) =>
        shared.has(transaction.account_id),
      );
      const events: TransactionEvent[] = history.map((transaction) => ({ kind: "added", transaction }));
      await appendTransactionEvents(tx, { itemId, events });
    }
    return { item: await readLockedItem(tx, itemId), newlyShared };
  });
}

// The subtypes Plaid documents for each account type the app's people open most.
const SUBTYPES: Partial<Record<AccountType, AccountSubtype[]>> = {
  [AccountType.Depository]: [
    AccountSubtype.Checking,
    AccountSubtype.Savings,
    AccountSubtype.Hsa,
    AccountSubtype.Cd,
    AccountSubtype.MoneyMarket,
    AccountSubtype.Paypal,
    AccountSubtype.Prepaid,
    AccountSubtype.CashManagement,
    AccountSubtype.Ebt,
  ],
  [AccountType.Credit]: [AccountSubtype.CreditCard, AccountSubtype.Paypal],
  [AccountType.Loan]: [
    AccountSubtype.Auto,
    AccountSubtype.Business,
    AccountSubtype.Commercial,
    AccountSubtype.Construction,
    AccountSubtype.Consumer,
    AccountSubtype.HomeEquity,
    AccountSubtype.Loan,
    AccountSubtype.Mortgage,
    AccountSubtype.LineOfCredit,
    AccountSubtype.Student,
    AccountSubtype.Other,
  ],
};

export type NewAccount = { type: AccountType; subtype: AccountSubtype; name: string; currentBalance: number };

function checkSubtype(type: AccountType, subtype: AccountSubtype): void {
  const allowed = SUBTYPES[type];
  if (allowed && !allowed.includes(subtype)) {
    throw new EmulatorError("INVALID_FIELD", {
      message: `subtype "${subtype}" is not a subtype of ${type} accounts; use one of: ${allowed.join(", ")}`,
    });
  }
}

function newMask(accounts: AccountBase[]): string {
  const taken = new Set(accounts.map((account) => account.mask));
  for (;;) {
    const mask = String(Math.floor(Math.random() * 10_000)).padStart(4, "0");
    if (!taken.has(mask)) return mask;
  }
}

/**
 * Opens an account at the item's bank: withheld until the person shares it, announced with
 * NEW_ACCOUNTS_AVAILABLE. A depository account opened with money in it gets its opening deposit, so
 * its history explains its balance; a card or loan starts at what is owed.
 */
export async function openAccount(
  { store, webhooks }: ChangeTarget,
  { item, account: spec, now }: { item: EmulatorItem; account: NewAccount; now: Date },
): Promise<AccountBase> {
  checkSubtype(spec.type, spec.subtype);
  const { itemId } = item;
  const result = await withLockedItem(store, itemId, async (tx) => {
    const current = await readLockedItem(tx, itemId);
    const currency = current.accounts[0]?.balances.iso_currency_code ?? "USD";
    const balance = roundMoney(spec.currentBalance);
    const account: AccountBase = {
      account_id: randomAlphanumeric(PLAID_ID_LENGTH),
      balances: {
        available: spec.type === AccountType.Depository ? balance : null,
        current: balance,
        limit: spec.type === AccountType.Credit ? 1000 : null,
        iso_currency_code: currency,
        unofficial_currency_code: null,
        last_updated_datetime: null,
      },
      mask: newMask(current.accounts),
      name: spec.name,
      official_name: spec.name,
      type: spec.type,
      subtype: spec.subtype,
      holder_category: AccountHolderCategory.Personal,
    };
    const events: TransactionEvent[] =
      spec.type === AccountType.Depository && balance > 0
        ? [
            {
              kind: "added",
              transaction: buildCustomTransaction({
                transactionId: randomAlphanumeric(PLAID_ID_LENGTH),
                account,
                // Plaid's sign: money in is negative.
                amount: -balance,
                description: "Opening deposit",
                day: toDayNumber(now),
                authorizedDay: toDayNumber(now),
                pending: false,
                merchantName: null,
                category: null,
                isoCurrencyCode: currency,
              }),
            },
          ]
        : [];
    await appendTransactionEvents(tx, { itemId, events, accounts: [...current.accounts, account] });
    await tx.query("UPDATE plaid_emulator.items SET withheld_account_ids = $2::text::jsonb WHERE item_id = $1", [
      itemId,
      json([...current.withheldAccountIds, account.account_id]),
    ]);
    return { webhook: current.webhook, account };
  });
  sendItemWebhook(webhooks, { itemId, webhook: result.webhook }, newAccountsAvailablePayload(itemId));
  return result.account;
}
