// The account settings that can inherit, by kind: on/off switches, amounts behind an Override box,
// and choices from a list. Shared by the server (starting values) and the form ("Reset all").
import type { InheritedInfo } from "./inherit-fields";

export const SWITCHES = [
  "balanceAlerts",
  "lowBalanceAlert",
  "transactionNotifications",
  "unusualActivityAlerts",
  "connectionExpiringAlert",
  "inAppNotifications",
  "emailNotifications",
  "pushNotifications",
  "smsNotifications",
] as const;
export const THRESHOLDS = ["balanceThreshold", "lowBalanceThreshold", "largeTransactionThreshold"] as const;
export const CHOICES = ["syncFrequency", "notificationFrequency"] as const;

export type InheritableField = (typeof SWITCHES)[number] | (typeof THRESHOLDS)[number] | (typeof CHOICES)[number];
export type InheritedDescriptions = Record<InheritableField, InheritedInfo>;

/** One alert rule's fields on a settings form: its switch and, when it has one, the amount that tunes it. */
export type AlertField = {
  field: (typeof SWITCHES)[number];
  label: string;
  hint: string;
  threshold: (typeof THRESHOLDS)[number] | null;
  amountLabel: string | null;
};
