// What a preference is when neither the account's row nor the user's global row sets it, and the
// shape of a fully resolved set of preferences (every banking_preferences column, camelCased).
import type { Prisma } from "@/lib/db";
import type { NotificationFrequency, SyncFrequency, TimeFormat } from "@/lib/db/vocabulary";

export type Preferences = {
  syncFrequency: SyncFrequency;
  autoSync: boolean;
  syncOnLogin: boolean;

  balanceAlerts: boolean;
  balanceThreshold: Prisma.Decimal | null;
  lowBalanceAlert: boolean;
  lowBalanceThreshold: Prisma.Decimal | null;
  transactionNotifications: boolean;
  largeTransactionThreshold: Prisma.Decimal | null;
  unusualActivityAlerts: boolean;
  connectionExpiringAlert: boolean;

  inAppNotifications: boolean;
  emailNotifications: boolean;
  pushNotifications: boolean;
  smsNotifications: boolean;
  notificationFrequency: NotificationFrequency;

  shareAnalytics: boolean;
  shareAggregatedData: boolean;
  allowMarketingEmails: boolean;

  defaultCurrency: string;
  dateFormat: string;
  timeFormat: TimeFormat;
  showBalances: boolean;
  showTransactionDetails: boolean;

  accountAlias: string | null;
  accountColor: string | null;
  accountIcon: string | null;
  hideAccount: boolean;
};

export type PreferenceField = keyof Preferences;

/**
 * Quiet and private by default: no alert fires until the user asks for it, nothing is shared, and
 * only the channels that need no extra setup (in-app, the sign-up email) are on.
 */
export const DEFAULT_PREFERENCES: Readonly<Preferences> = Object.freeze({
  syncFrequency: "daily",
  autoSync: true,
  syncOnLogin: true,

  balanceAlerts: false,
  balanceThreshold: null,
  lowBalanceAlert: false,
  lowBalanceThreshold: null,
  transactionNotifications: false,
  largeTransactionThreshold: null,
  unusualActivityAlerts: false,
  // On: a bank about to stop sharing data needs the person, whatever else they asked for.
  connectionExpiringAlert: true,

  inAppNotifications: true,
  emailNotifications: true,
  pushNotifications: false,
  smsNotifications: false,
  notificationFrequency: "immediate",

  shareAnalytics: false,
  shareAggregatedData: false,
  allowMarketingEmails: false,

  defaultCurrency: "USD",
  dateFormat: "MMM d, yyyy",
  timeFormat: "12h",
  showBalances: true,
  showTransactionDetails: true,

  accountAlias: null,
  accountColor: null,
  accountIcon: null,
  hideAccount: false,
});

export const PREFERENCE_FIELDS = Object.keys(DEFAULT_PREFERENCES) as PreferenceField[];
