// A bank account's JSON shape and the questions asked of its balances (overdrawn? credit left?).
// Pure functions over a row; the database work lives in update-balance.ts.
import "server-only";
import type { BankAccountModel as BankAccount, Prisma } from "@/lib/db";
import { toNullableMoneyString } from "@/lib/money/decimal";

export type SerializedBankAccount = {
  id: string;
  userId: string;
  /** Null on a manual account. */
  plaidConnectionId: string | null;
  accountId: string;
  name: string;
  mask: string | null;
  type: string;
  subtype: string | null;
  accountType: string | null;
  status: string;
  verificationStatus: string;
  isActive: boolean;
  currentBalance: string | null;
  availableBalance: string | null;
  creditLimit: string | null;
  paymentDue: string | null;
  interestRate: number | null;
  apr: number | null;
  liabilityKind: string | null;
  /** "YYYY-MM-DD". */
  nextPaymentDueDate: string | null;
  lastPaymentAmount: string | null;
  lastPaymentDate: string | null;
  isOverdue: boolean | null;
  liabilitiesUpdatedAt: string | null;
  minimumBalance: string | null;
  monthlyFee: string | null;
  accountNumber: string | null;
  routingNumber: string | null;
  metadata: Prisma.JsonValue;
  tags: Prisma.JsonValue;
  notes: string | null;
  isoCurrencyCode: string;
  lastSyncAt: string | null;
  createdAt: string;
  updatedAt: string;
};

type BalanceFields = Pick<BankAccount, "type" | "currentBalance" | "availableBalance" | "creditLimit">;

/** Every column, listed one by one so a column added later is not sent anywhere by accident. */
export function serializeBankAccount(account: BankAccount): SerializedBankAccount {
  return {
    id: account.id,
    userId: account.userId,
    plaidConnectionId: account.plaidConnectionId,
    accountId: account.accountId,
    name: account.name,
    mask: account.mask,
    type: account.type,
    subtype: account.subtype,
    accountType: account.accountType,
    status: account.status,
    verificationStatus: account.verificationStatus,
    isActive: account.isActive,
    currentBalance: toNullableMoneyString(account.currentBalance),
    availableBalance: toNullableMoneyString(account.availableBalance),
    creditLimit: toNullableMoneyString(account.creditLimit),
    paymentDue: toNullableMoneyString(account.paymentDue),
    interestRate: account.interestRate,
    apr: account.apr,
    liabilityKind: account.liabilityKind,
    nextPaymentDueDate: account.nextPaymentDueDate?.toISOString().slice(0, 10) ?? null,
    lastPaymentAmount: toNullableMoneyString(account.lastPaymentAmount),
    lastPaymentDate: account.lastPaymentDate?.toISOString().slice(0, 10) ?? null,
    isOverdue: account.isOverdue,
    liabilitiesUpdatedAt: account.liabilitiesUpdatedAt?.toISOString() ?? null,
    minimumBalance: toNullableMoneyString(account.minimumBalance),
    monthlyFee: toNullableMoneyString(account.monthlyFee),
    // Stored masked (a CHECK constraint allows at most four digits), so safe to show.
    accountNumber: account.accountNumber,
    routingNumber: account.routingNumber,
    metadata: account.metadata,
    tags: account.tags,
    notes: account.notes,
    isoCurrencyCode: account.isoCurrencyCode,
    lastSyncAt: account.lastSyncAt?.toISOString() ?? null,
    createdAt: account.createdAt.toISOString(),
    updatedAt: account.updatedAt.toISOString(),
  };
}

/**
 * Cash accounts are overdrawn below zero (available first: it counts pending debits); a credit card
 * is "overdrawn" when it owes more than its limit. A loan's balance is a debt by nature, never
 * overdrawn, and an unknown balance is never reported as a problem.
 */
export function isOverdrawn(account: BalanceFields): boolean {
  switch (account.type) {
    case "depository":
    case "investment":
    case "other": {
      const balance = account.availableBalance ?? account.currentBalance;
      return balance?.lessThan(0) ?? false;
    }
    case "credit":
      return (
        account.currentBalance !== null &&
        account.creditLimit !== null &&
        account.currentBalance.greaterThan(account.creditLimit)
      );
    default:
      return false;
  }
}

/** Limit minus what is owed, negative when over the limit; null unless both are known on a credit account. */
export function getAvailableCredit(account: BalanceFields): Prisma.Decimal | null {
  if (account.type !== "credit" || account.creditLimit === null || account.currentBalance === null) return null;
  return account.creditLimit.minus(account.currentBalance);
}
