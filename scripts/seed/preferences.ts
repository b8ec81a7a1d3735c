// The demo user's settings: one global preferences row with the alerts on, and per-account rows that give a few accounts an
// alias, a colour and an icon, and hide one.
import "server-only";
import type { Prisma } from "@/lib/db";
import { DEFAULT_PREFERENCES } from "@/lib/preferences/defaults";
import type { AccountKey } from "./catalog";

// Mingus's defaults (lib/preferences/defaults.ts) written out as the demo person's own choices, with the
// alerts they turned on: a seeded settings page shows every value as "set", as a real person's does
// after saving. The account-only fields (alias, colour, icon, hide) never go on the global row.
const { accountAlias, accountColor, accountIcon, hideAccount, ...globalDefaults } = DEFAULT_PREFERENCES;

export const GLOBAL_PREFERENCES = {
  ...globalDefaults,
  balanceAlerts: true,
  balanceThreshold: "10000.00",
  lowBalanceAlert: true,
  lowBalanceThreshold: "500.00",
  transactionNotifications: true,
  largeTransactionThreshold: "750.00",
  unusualActivityAlerts: true,
  notificationFrequency: "daily",
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
