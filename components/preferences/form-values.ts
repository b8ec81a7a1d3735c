// Turns loaded preferences into the settings forms' starting values (strings, as a form holds them)
// and describes what an account inherits, on the server, for the pages to hand to the forms.
import "server-only";
import { createDisplay, type Display } from "@/lib/format/display";
import type { RuleSettings } from "@/lib/notifications/rules/types";
import type { AccountSettings, PreferenceValues } from "@/lib/preferences/load";
import { NOTIFICATION_FREQUENCY_LABELS, SYNC_FREQUENCY_LABELS } from "@/lib/preferences/options";
import { type AlertField, CHOICES, type InheritedDescriptions, SWITCHES, THRESHOLDS } from "./inheritable";
import type { FormValues } from "./use-settings-form";

const GLOBAL_CHECKBOXES = [
  ...SWITCHES,
  "showBalances",
  "showTransactionDetails",
  "shareAnalytics",
  "shareAggregatedData",
  "allowMarketingEmails",
] as const;

const checkbox = (on: boolean) => (on ? "on" : "");

/** `displayCurrencySet`: whether the person chose a display currency (Mingus's default is not a choice). */
export function toGlobalFormValues(values: PreferenceValues, { displayCurrencySet = true } = {}): FormValues {
  const form: FormValues = {
    syncFrequency: values.syncFrequency,
    notificationFrequency: values.notificationFrequency,
    defaultCurrency: displayCurrencySet ? values.defaultCurrency : "",
    dateFormat: values.dateFormat,
    timeFormat: values.timeFormat,
  };
  for (const field of GLOBAL_CHECKBOXES) form[field] = checkbox(values[field]);
  for (const field of THRESHOLDS) form[field] = values[field] ?? "";
  return form;
}

export function toAccountFormValues({ account, stored, inherited }: AccountSettings): FormValues {
  const form: FormValues = {
    bankAccountId: account.id,
    accountAlias: stored.accountAlias ?? "",
    accountColor: stored.accountColor ?? "",
    accountIcon: stored.accountIcon ?? "",
    hideAccount: checkbox(stored.hideAccount === true),
    notes: account.notes ?? "",
    tags: account.tags.join(", "),
  };
  for (const field of CHOICES) form[field] = stored[field] ?? "inherit";
  for (const field of SWITCHES) form[field] = stored[field] === null ? "inherit" : stored[field] ? "on" : "off";
  for (const field of THRESHOLDS) {
    form[field] = stored[field] ?? inherited.values[field] ?? "";
    form[`${field}Override`] = checkbox(stored[field] !== null);
  }
  return form;
}

/** What each inheritable field would be on this account without an override, and where that comes from. */
export function describeInherited({ values, sources }: AccountSettings["inherited"], display: Display) {
  // A threshold is a setting being edited, not a balance: the amount box shows it anyway, so the
  // "hide balances" mask would only make the note disagree with the box.
  const amounts = createDisplay({ ...display.settings, showBalances: true });
  const described: Partial<InheritedDescriptions> = {};
  for (const field of SWITCHES) {
    described[field] = { text: values[field] ? "On" : "Off", raw: "", source: sources[field] };
  }
  for (const field of THRESHOLDS) {
    const amount = values[field];
    described[field] = {
      text: amount === null ? "none" : amounts.money(amount),
      raw: amount ?? "",
      source: sources[field],
    };
  }
  described.syncFrequency = {
    text: SYNC_FREQUENCY_LABELS[values.syncFrequency],
    raw: "",
    source: sources.syncFrequency,
  };
  described.notificationFrequency = {
    text: NOTIFICATION_FREQUENCY_LABELS[values.notificationFrequency],
    raw: "",
    source: sources.notificationFrequency,
  };
  return described as InheritedDescriptions;
}

/**
 * The alert rules' settings (the registry's order) as the forms' fields. A rule naming a preference the
 * forms cannot show is a mistake in its file, caught here rather than by a field that silently is not there.
 */
export function toAlertFields(settings: readonly RuleSettings[]): AlertField[] {
  return settings.map((rule) => {
    const field = SWITCHES.find((name) => name === rule.toggle);
    const threshold = rule.threshold === null ? null : THRESHOLDS.find((name) => name === rule.threshold);
    if (!field || threshold === undefined) {
      throw new Error(
        `The settings forms have no field for ${rule.toggle}/${rule.threshold}: add it to inheritable.ts`,
      );
    }
    return { field, label: rule.label, hint: rule.hint, threshold, amountLabel: rule.amountLabel };
  });
}
