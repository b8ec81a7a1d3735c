// Turns the demo plan into table rows for one user. Connection and account ids are derived from the
// user's id, so a re-seed gives the same accounts the same ids and links to them keep working.
import "server-only";
import { createHash } from "node:crypto";
import type { Prisma } from "@/lib/db";
import { sealAccessToken } from "@/lib/plaid/token-crypto";
import { type AccountKey, type ConnectionKey, DEMO_ACCESS_TOKEN } from "./catalog";
import { centsToMoney } from "./ledger";
import type { DemoPlan } from "./plan";
import { ACCOUNT_PREFERENCES, GLOBAL_PREFERENCES } from "./preferences";

/** A UUID (version 8, "custom") from a SHA-256 of the user and the row's name. */
export function stableId(userId: string, name: string): string {
  const hex = createHash("sha256").update(`mingus-demo:${userId}:${name}`).digest("hex").slice(0, 32).split("");
  hex[12] = "8";
  hex[16] = ((Number.parseInt(hex[16] ?? "0", 16) & 0x3) | 0x8).toString(16);
  const s = hex.join("");
  return `${s.slice(0, 8)}-${s.slice(8, 12)}-${s.slice(12, 16)}-${s.slice(16, 20)}-${s.slice(20)}`;
}

export interface DemoIds {
  connection(key: ConnectionKey): string;
  account(key: AccountKey): string;
  /** Plaid ids (item_id, transaction_id) are unique across users: other demo users get a suffix. */
  plaid(id: string): string;
}

export function demoIds(userId: string, plaidSuffix = ""): DemoIds {
  return {
    connection: (key) => stableId(userId, `connection:${key}`),
    account: (key) => stableId(userId, `account:${key}`),
    plaid: (id) => `${id}${plaidSuffix}`,
  };
}

const decimal = (cents: number | null) => (cents === null ? null : centsToMoney(cents));
const json = (value: Record<string, unknown>) => value as Prisma.InputJsonObject;

// Sealed like a real token, so nothing in the database is ever a plaintext token, and code that opens
// tokens works on demo rows too. A fresh IV each time: the stored value differs between seeds.
function sealedDemoToken() {
  const { ciphertext, keyId } = sealAccessToken(DEMO_ACCESS_TOKEN);
  return { accessToken: ciphertext, accessTokenKeyId: keyId };
}

export function connectionRows(plan: DemoPlan, userId: string, ids: DemoIds): Prisma.PlaidConnectionCreateManyInput[] {
  return plan.connections.map(({ institution, state }) => ({
    id: ids.connection(institution.key),
    userId,
    ...sealedDemoToken(),
    itemId: ids.plaid(institution.itemId),
    institutionId: institution.institutionId,
    institutionName: institution.institutionName,
    institutionPrimaryColor: institution.primaryColor,
    institutionUrl: institution.url,
    lastError: state.lastError,
    lastErrorAt: state.lastErrorAt,
    errorCount: state.errorCount,
    // last_sync_at is left to the transaction_syncs trigger.
    nextSyncAt: state.nextSyncAt,
    syncFrequency: institution.syncFrequency,
    metadata: { demo: true },
    transactionsCursor: state.cursor,
    createdAt: state.linkedAt,
  }));
}

export function accountRows(plan: DemoPlan, userId: string, ids: DemoIds): Prisma.BankAccountCreateManyInput[] {
  const linkedAt = new Map(plan.connections.map(({ institution, state }) => [institution.key, state.linkedAt]));
  return plan.accounts.map(({ definition: d, ...account }) => ({
    id: ids.account(d.key),
    userId,
    plaidConnectionId: ids.connection(d.connection),
    accountId: `demo-acct-${d.key}`,
    name: d.name,
    mask: d.mask,
    type: d.type,
    subtype: d.subtype,
    accountType: d.accountType,
    status: "active",
    verificationStatus: "verified",
    currentBalance: decimal(account.currentCents),
    availableBalance: decimal(account.availableCents),
    creditLimit: decimal(account.creditLimitCents),
    paymentDue: decimal(account.paymentDueCents),
    interestRate: d.interestRate ?? null,
    apr: d.apr ?? null,
    minimumBalance: d.minimumBalance === undefined ? null : centsToMoney(d.minimumBalance * 100),
    monthlyFee: d.monthlyFee === undefined ? null : centsToMoney(d.monthlyFee * 100),
    accountNumber: `••••${d.mask}`,
    routingNumber: d.routingNumber ?? null,
    metadata: json({ demo: true, ...d.metadata }),
    tags: d.tags,
    notes: d.notes,
    isoCurrencyCode: "USD",
    createdAt: linkedAt.get(d.connection),
  }));
}

/** In chronological order per (account, balance type), so the balance triggers chain each day to the last. */
export function balanceRows(plan: DemoPlan, ids: DemoIds): Prisma.AccountBalanceCreateManyInput[] {
  const rows: Prisma.AccountBalanceCreateManyInput[] = [];
  for (const { definition, series } of plan.accounts) {
    const types = [
      ["current", series.current],
      ["available", series.available],
      ["credit_limit", series.creditLimit],
    ] as const;
    for (const [balanceType, amounts] of types) {
      if (!amounts) continue;
      amounts.forEach((cents, index) => {
        const day = plan.days[index];
        if (!day) throw new Error(`Balance series of ${definition.key} is longer than the calendar`);
        rows.push({
          bankAccountId: ids.account(definition.key),
          balanceType,
          amount: centsToMoney(cents),
          currency: "USD",
          asOfDate: day.asOf,
          source: "plaid",
        });
      });
    }
  }
  return rows;
}

export function transactionRows(plan: DemoPlan, ids: DemoIds): Prisma.TransactionCreateManyInput[] {
  return plan.transactions.map((txn) => ({
    bankAccountId: ids.account(txn.accountKey),
    transactionId: ids.plaid(txn.transactionId),
    amount: centsToMoney(txn.amountCents),
    isoCurrencyCode: "USD",
    date: txn.date,
    authorizedDate: txn.authorizedDate,
    name: txn.name,
    merchantName: txn.merchantName,
    pending: txn.pending,
    pendingTransactionId: txn.pendingTransactionId && ids.plaid(txn.pendingTransactionId),
    categoryPrimary: txn.categoryPrimary,
    categoryDetailed: txn.categoryDetailed,
    paymentChannel: txn.paymentChannel,
  }));
}

/**
 * Newest first. The last_sync_at triggers keep the latest successful completion whatever the order;
 * this order lets the first success set it and spares every older one an UPDATE of the accounts.
 */
export function syncRows(plan: DemoPlan, ids: DemoIds): Prisma.TransactionSyncCreateManyInput[] {
  return plan.connections
    .flatMap(({ syncs }) => syncs)
    .sort((a, b) => b.startedAt.getTime() - a.startedAt.getTime())
    .map(({ connection, accountKey, context, metadata, ...sync }) => ({
      ...sync,
      plaidConnectionId: ids.connection(connection),
      bankAccountId: accountKey ? ids.account(accountKey) : null,
      context: json(context),
      metadata: json(metadata),
      createdAt: sync.startedAt,
    }));
}

export function preferenceRows(userId: string, ids: DemoIds): Prisma.BankingPreferencesCreateManyInput[] {
  const perAccount = Object.entries(ACCOUNT_PREFERENCES).map(([key, preferences]) => ({
    ...preferences,
    userId,
    bankAccountId: ids.account(key as AccountKey),
    metadata: { demo: true },
  }));
  return [{ ...GLOBAL_PREFERENCES, userId }, ...perAccount];
}
