// The two settings forms as zod schemas: the user's global preferences (/settings) and one account's
// settings (/accounts/[id]/settings). Field names are the form's, so errors land on the right field.
import { z } from "zod";
import { isUuid, NOTIFICATION_FREQUENCIES, SYNC_FREQUENCIES, TIME_FORMATS } from "@/lib/db/vocabulary";
import {
  aliasField,
  amountField,
  checkboxField,
  colourField,
  iconField,
  inheritedChoiceField,
  inheritedSwitchField,
  notesField,
  optionalCurrencyField,
  tagsField,
} from "./fields";
import { DATE_FORMAT_PATTERNS } from "./options";

// Cross-field checks run even when a field failed, so one submit shows every message at once.
const ALWAYS = { when: (payload: { value: unknown }) => typeof payload.value === "object" && payload.value !== null };

const SYNC_MESSAGE = "Choose how often to sync.";
const NOTIFY_MESSAGE = "Choose how often to be notified.";

/** Balance alerts compare with their threshold, so one that is switched on needs an amount. */
const ALERT_THRESHOLDS = [
  ["balanceAlerts", "balanceThreshold"],
  ["lowBalanceAlert", "lowBalanceThreshold"],
] as const;

export const globalPreferencesSchema = z
  .object({
    syncFrequency: z.enum(SYNC_FREQUENCIES, { error: SYNC_MESSAGE }),
    balanceAlerts: checkboxField,
    balanceThreshold: amountField,
    lowBalanceAlert: checkboxField,
    lowBalanceThreshold: amountField,
    transactionNotifications: checkboxField,
    largeTransactionThreshold: amountField,
    unusualActivityAlerts: checkboxField,
    connectionExpiringAlert: checkboxField,
    inAppNotifications: checkboxField,
    emailNotifications: checkboxField,
    pushNotifications: checkboxField,
    smsNotifications: checkboxField,
    notificationFrequency: z.enum(NOTIFICATION_FREQUENCIES, { error: NOTIFY_MESSAGE }),
    defaultCurrency: optionalCurrencyField,
    dateFormat: z.enum(DATE_FORMAT_PATTERNS, { error: "Choose a date format from the list." }),
    timeFormat: z.enum(TIME_FORMATS, { error: "Choose 12-hour or 24-hour time." }),
    showBalances: checkboxField,
    showTransactionDetails: checkboxField,
    shareAnalytics: checkboxField,
    shareAggregatedData: checkboxField,
    allowMarketingEmails: checkboxField,
  })
  .superRefine((values, ctx) => {
    for (const [alert, threshold] of ALERT_THRESHOLDS) {
      if (values[alert] && values[threshold] === null) {
        ctx.addIssue({ code: "custom", path: [threshold], message: "Enter an amount, or turn this alert off." });
      }
    }
  }, ALWAYS);

export type GlobalPreferencesInput = z.output<typeof globalPreferencesSchema>;

const OVERRIDABLE_THRESHOLDS = ["balanceThreshold", "lowBalanceThreshold", "largeTransactionThreshold"] as const;

export const accountSettingsSchema = z
  .object({
    bankAccountId: z.string().refine(isUuid, { error: "This account does not exist." }),
    accountAlias: aliasField,
    accountColor: colourField,
    accountIcon: iconField,
    hideAccount: checkboxField,
    notes: notesField,
    tags: tagsField,
    syncFrequency: inheritedChoiceField(SYNC_FREQUENCIES, SYNC_MESSAGE),
    balanceAlerts: inheritedSwitchField,
    balanceThreshold: amountField,
    balanceThresholdOverride: checkboxField,
    lowBalanceAlert: inheritedSwitchField,
    lowBalanceThreshold: amountField,
    lowBalanceThresholdOverride: checkboxField,
    transactionNotifications: inheritedSwitchField,
    largeTransactionThreshold: amountField,
    largeTransactionThresholdOverride: checkboxField,
    unusualActivityAlerts: inheritedSwitchField,
    connectionExpiringAlert: inheritedSwitchField,
    inAppNotifications: inheritedSwitchField,
    emailNotifications: inheritedSwitchField,
    pushNotifications: inheritedSwitchField,
    smsNotifications: inheritedSwitchField,
    notificationFrequency: inheritedChoiceField(NOTIFICATION_FREQUENCIES, NOTIFY_MESSAGE),
  })
  .superRefine((values, ctx) => {
    for (const field of OVERRIDABLE_THRESHOLDS) {
      if (values[`${field}Override`] && values[field] === null) {
        ctx.addIssue({ code: "custom", path: [field], message: "Enter an amount, or untick Override to inherit." });
      }
    }
  }, ALWAYS)
  .transform(({ bankAccountId, notes, tags, ...form }) => {
    // Without its Override box ticked, a threshold inherits whatever the amount box held.
    const threshold = (field: (typeof OVERRIDABLE_THRESHOLDS)[number]) =>
      form[`${field}Override`] ? form[field] : null;
    return {
      bankAccountId,
      details: { notes, tags },
      preferences: {
        accountAlias: form.accountAlias,
        accountColor: form.accountColor,
        accountIcon: form.accountIcon,
        // Only an account can be hidden, so "not hidden" is simply the inherited default.
        hideAccount: form.hideAccount ? true : null,
        syncFrequency: form.syncFrequency,
        balanceAlerts: form.balanceAlerts,
        balanceThreshold: threshold("balanceThreshold"),
        lowBalanceAlert: form.lowBalanceAlert,
        lowBalanceThreshold: threshold("lowBalanceThreshold"),
        transactionNotifications: form.transactionNotifications,
        largeTransactionThreshold: threshold("largeTransactionThreshold"),
        unusualActivityAlerts: form.unusualActivityAlerts,
        connectionExpiringAlert: form.connectionExpiringAlert,
        inAppNotifications: form.inAppNotifications,
        emailNotifications: form.emailNotifications,
        pushNotifications: form.pushNotifications,
        smsNotifications: form.smsNotifications,
        notificationFrequency: form.notificationFrequency,
      },
    };
  });

export type AccountSettingsInput = z.output<typeof accountSettingsSchema>;
export type AccountPreferencesInput = AccountSettingsInput["preferences"];
export type AccountDetailsInput = AccountSettingsInput["details"];
