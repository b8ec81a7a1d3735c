// The demo user's settings: one global preferences row, and per-account rows that give a few accounts an
// alias, a colour and an icon, and hide one.
import "server-only";
import type { Prisma } from "@/lib/db";
import type { AccountKey } from "./catalog";

export const GLOBAL_PREFERENCES = {
  syncFrequency: "daily",
  autoSync: true,
  syncOnLogin: true,
  balanceAlerts: true,
  balanceThreshold: "10000.00",
  lowBalanceAlert: true,
  lowBalanceThreshold: "500.00",
  transactionNotifications: true,
  largeTransactionThreshold: "750.00",
  unusualActivityAlerts: true,
  emailNotifications: true,
  pushNotifications: false,
  smsNotifications: false,
  inAppNotifications: true,
  notificationFrequency: "daily",
  shareAnalytics: false,
  shareAggregatedData: false,
  allowMarketingEmails: false,
  defaultCurrency: "USD",
  dateFormat: "MMM d, yyyy",
  timeFormat: "12h",
  showBalances: true,
  showTransactionDetails: true,
  metadata: { demo: true },
} satisfies Omit<Prisma.BankingPreferencesCreateManyInput, "userId">;

type AccountPreferences = Omit<Prisma.BankingPreferencesCreateManyInput, "userId" | "bankAccountId">;

export const ACCOUNT_PREFERENCES: Partial<Record<AccountKey, AccountPreferences>> = {
  checking: {
    accountAlias: "Everyday",
    accountColor: "#2E7D32",
    accountIcon: "wallet",
    lowBalanceAlert: true,
    lowBalanceThreshold: "1000.00",
  },
  savings: { accountAlias: "Rainy day fund", accountColor: "#F9A825", accountIcon: "piggy-bank" },
  "credit-card": {
    accountAlias: "Travel card",
    accountColor: "#C2185B",
    accountIcon: "credit-card",
    largeTransactionThreshold: "300.00",
  },
  escrow: { accountAlias: "Condo escrow", accountColor: "#607D8B", accountIcon: "building", hideAccount: true },
};
