// One account as its owner sees it on the account page: the bank's details, its institution, and the
// alias, colour and icon from the account's preferences. Every lookup is scoped by the owner.
import "server-only";
import { cache } from "react";
import { findOwnedAccount } from "@/lib/auth/ownership";
import { db, type Prisma } from "@/lib/db";
import { getEffectivePreferences } from "@/lib/preferences";
import { type BankHealth, describeBankHealth } from "./bank-health";
import { MANUAL_INSTITUTION_NAME } from "./manual/kinds";

// A manual account has no bank whose health could be checked.
const NO_BANK: BankHealth = { lastUpdatedAt: null, stale: false, trouble: null };

export type AccountDetail = {
  id: string;
  /** Null on a manual account: it has no bank connection and is never synced. */
  plaidConnectionId: string | null;
  manual: boolean;
  /** The alias where the user set one, else the bank's name. */
  displayName: string;
  name: string;
  color: string | null;
  icon: string | null;
  hidden: boolean;
  institutionName: string;
  institutionColor: string | null;
  mask: string | null;
  type: string;
  subtype: string | null;
  status: string;
  currency: string;
  current: Prisma.Decimal | null;
  available: Prisma.Decimal | null;
  creditLimit: Prisma.Decimal | null;
  paymentDue: Prisma.Decimal | null;
  minimumBalance: Prisma.Decimal | null;
  monthlyFee: Prisma.Decimal | null;
  /** Percent, as the bank reports it (4.1 is 4.1%). */
  interestRate: number | null;
  apr: number | null;
  /** From /liabilities/get: null on an account without liabilities (or before the first read). */
  liability: {
    kind: string;
    /** A DATE: read it with display.calendarDate. */
    nextPaymentDueDate: Date | null;
    lastPaymentAmount: Prisma.Decimal | null;
    lastPaymentDate: Date | null;
    isOverdue: boolean | null;
    updatedAt: Date | null;
  } | null;
  accountNumber: string | null;
  routingNumber: string | null;
  tags: string[];
  notes: string | null;
  lastSyncAt: Date | null;
  /** The connection's bank: its last update and trouble, from the item health check. */
  bankHealth: BankHealth;
};

export async function getAccountDetail({
  userId,
  accountId,
}: {
  userId: string;
  accountId: string;
}): Promise<AccountDetail | null> {
  const owned = await findOwnedAccount({ userId, accountId });
  if (!owned) return null;
  const { id } = owned;
  const [account, preferences] = await Promise.all([
    db.bankAccount.findFirst({
      where: { id, userId },
      include: {
        plaidConnection: {
          select: {
            institutionName: true,
            institutionPrimaryColor: true,
            syncFrequency: true,
            bankLastUpdatedAt: true,
            institutionStatus: true,
          },
        },
      },
    }),
    getEffectivePreferences({ userId, bankAccountId: id }),
  ]);
  if (!account) return null;
  const { values } = preferences;
  const connection = account.plaidConnection;
  return {
    id: account.id,
    plaidConnectionId: account.plaidConnectionId,
    manual: connection === null,
    displayName: values.accountAlias ?? account.name,
    name: account.name,
    color: values.accountColor,
    icon: values.accountIcon,
    hidden: values.hideAccount,
    institutionName: connection?.institutionName ?? MANUAL_INSTITUTION_NAME,
    institutionColor: connection?.institutionPrimaryColor ?? null,
    bankHealth: connection ? describeBankHealth(connection) : NO_BANK,
    mask: account.mask,
    type: account.type,
    subtype: account.subtype,
    status: account.status,
    currency: account.isoCurrencyCode,
    current: account.currentBalance,
    available: account.availableBalance,
    creditLimit: account.creditLimit,
    paymentDue: account.paymentDue,
    minimumBalance: account.minimumBalance,
    monthlyFee: account.monthlyFee,
    interestRate: account.interestRate,
    apr: account.apr,
    liability: account.liabilityKind
      ? {
          kind: account.liabilityKind,
          nextPaymentDueDate: account.nextPaymentDueDate,
          lastPaymentAmount: account.lastPaymentAmount,
          lastPaymentDate: account.lastPaymentDate,
          isOverdue: account.isOverdue,
          updatedAt: account.liabilitiesUpdatedAt,
        }
      : null,
    accountNumber: account.accountNumber,
    routingNumber: account.routingNumber,
    tags: toTags(account.tags),
    notes: account.notes,
    lastSyncAt: account.lastSyncAt,
  };
}

/** getAccountDetail once per request: the page and its metadata both need it. */
export const loadAccountDetail = cache(
  (userId: string, accountId: string): Promise<AccountDetail | null> => getAccountDetail({ userId, accountId }),
);

// tags is free jsonb: keep only the strings, so a stray object never reaches the page.
function toTags(value: Prisma.JsonValue): string[] {
  return Array.isArray(value) ? value.filter((tag): tag is string => typeof tag === "string") : [];
}
