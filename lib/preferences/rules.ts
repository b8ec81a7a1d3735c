// Decisions taken from resolved preferences: whether a balance change is worth a notification, and
// which channels carry it.
import type { Prisma } from "@/lib/db";
import type { Preferences } from "./defaults";

export const NOTIFICATION_CHANNELS = ["in_app", "email", "push", "sms"] as const;
export type NotificationChannel = (typeof NOTIFICATION_CHANNELS)[number];

type AlertPreferences = Pick<
  Preferences,
  "hideAccount" | "balanceAlerts" | "balanceThreshold" | "lowBalanceAlert" | "lowBalanceThreshold"
>;

/**
 * A hidden account never notifies. A balance alert fires when the balance moves to the other side
 * of its threshold (reaching it exactly counts as crossing upward); a low-balance alert fires when
 * the balance drops below its threshold, once, not again while it stays below. Without an old
 * balance nothing has crossed, but a first balance already below the low threshold alerts.
 */
export function shouldNotifyBalanceChange({
  preferences,
  newBalance,
  oldBalance = null,
}: {
  preferences: AlertPreferences;
  newBalance: Prisma.Decimal;
  oldBalance?: Prisma.Decimal | null;
}): boolean {
  if (preferences.hideAccount) return false;

  const threshold = preferences.balanceThreshold;
  if (preferences.balanceAlerts && threshold !== null && oldBalance !== null) {
    if (oldBalance.lessThan(threshold) !== newBalance.lessThan(threshold)) return true;
  }

  const low = preferences.lowBalanceThreshold;
  if (preferences.lowBalanceAlert && low !== null && newBalance.lessThan(low)) {
    if (oldBalance === null || oldBalance.greaterThanOrEqualTo(low)) return true;
  }
  return false;
}

type ChannelPreferences = Pick<
  Preferences,
  "inAppNotifications" | "emailNotifications" | "pushNotifications" | "smsNotifications"
>;

const CHANNEL_FIELD: Record<NotificationChannel, keyof ChannelPreferences> = {
  in_app: "inAppNotifications",
  email: "emailNotifications",
  push: "pushNotifications",
  sms: "smsNotifications",
};

/** The enabled channels, cheapest and least intrusive first. */
export function getNotificationChannels(preferences: ChannelPreferences): NotificationChannel[] {
  return NOTIFICATION_CHANNELS.filter((channel) => preferences[CHANNEL_FIELD[channel]]);
}
