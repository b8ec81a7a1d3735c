"use client";

// /settings: the user's defaults for every account (alerts, channels, sync) and how the app shows
// amounts and dates, and what they share. Saved all at once, or not at all.

import type { FormAction } from "@/components/form-action";
import { CHANNELS, DATE_FORMATS, PRIVACY_TOGGLES, TIME_FORMAT_LABELS, TIME_FORMATS } from "@/lib/preferences/options";
import { CHOICE_FIELDS } from "./choices";
import { CheckboxInput, Section, SelectInput, TextInput } from "./fields";
import type { AlertField } from "./inheritable";
import { SaveBar } from "./save-bar";
import { type FormValues, useSettingsForm } from "./use-settings-form";

const DATE_OPTIONS = DATE_FORMATS.map(({ pattern, example }) => ({ value: pattern, label: `${example} (${pattern})` }));
const TIME_OPTIONS = TIME_FORMATS.map((value) => ({ value, label: TIME_FORMAT_LABELS[value] }));
// How amounts look, beside the formats: switches that each say what "off" does.
const DISPLAY_TOGGLES = [
  {
    field: "showBalances",
    label: "Show balances",
    hint: "Off: every amount shows as •••••• (handy when sharing your screen).",
  },
  {
    field: "showTransactionDetails",
    label: "Show transaction details",
    hint: "Merchant, category and location beside each transaction.",
  },
];

export function GlobalPreferencesForm({
  initial,
  currencies,
  action,
  alerts,
}: {
  initial: FormValues;
  currencies: string[];
  /** Saves every field at once. */
  action: FormAction;
  /** The alert rules' fields, in the registry's order (toAlertFields). */
  alerts: AlertField[];
}) {
  const form = useSettingsForm(action, initial);
  return (
    <form ref={form.formRef} onSubmit={form.onSubmit} noValidate className="space-y-6">
      <Section title="Display" description="How amounts, dates and times look on every page.">
        <div className="grid gap-4 sm:grid-cols-2">
          <TextInput
            form={form}
            name="defaultCurrency"
            label="Display currency"
            hint="Totals are converted into it with daily reference rates. An ISO 4217 code like EUR; empty keeps each account's currency."
            list="currency-codes"
            className="sm:max-w-32"
          />
          <datalist id="currency-codes">
            {currencies.map((code) => (
              <option key={code} value={code} />
            ))}
          </datalist>
          <SelectInput form={form} name="dateFormat" label="Date format" options={DATE_OPTIONS} />
          <SelectInput form={form} name="timeFormat" label="Time format" options={TIME_OPTIONS} />
        </div>
        {DISPLAY_TOGGLES.map((toggle) => (
          <CheckboxInput key={toggle.field} form={form} name={toggle.field} label={toggle.label} hint={toggle.hint} />
        ))}
      </Section>

      <Section title="Alerts" description="Defaults for every account; an account can override each one.">
        {alerts.map((alert) => (
          <div key={alert.field} className="grid gap-3 sm:grid-cols-2 sm:items-start">
            <CheckboxInput form={form} name={alert.field} label={alert.label} hint={alert.hint} />
            {alert.threshold ? (
              <TextInput
                form={form}
                name={alert.threshold}
                label={alert.amountLabel ?? alert.label}
                inputMode="decimal"
                className="sm:max-w-48"
              />
            ) : null}
          </div>
        ))}
      </Section>

      <Section title="Notifications" description="Where alerts reach you, and how often.">
        <div className="grid gap-3 sm:grid-cols-2">
          {CHANNELS.map((channel) => (
            <CheckboxInput key={channel.field} form={form} name={channel.field} label={channel.label} />
          ))}
        </div>
        <SelectInput form={form} name="notificationFrequency" {...CHOICE_FIELDS.notificationFrequency} />
      </Section>

      <Section title="Sync">
        <SelectInput
          form={form}
          name="syncFrequency"
          hint="How often Mingus asks your banks for new balances and transactions."
          {...CHOICE_FIELDS.syncFrequency}
        />
      </Section>

      <Section title="Privacy" description="Nothing is shared unless you turn it on.">
        {PRIVACY_TOGGLES.map((toggle) => (
          <CheckboxInput key={toggle.field} form={form} name={toggle.field} label={toggle.label} />
        ))}
      </Section>

      <SaveBar form={form} label="Save preferences" />
    </form>
  );
}
