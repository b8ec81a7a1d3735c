"use client";
// /settings: the user's defaults for every account (alerts, channels, sync) and how the app shows
// amounts and dates, and what they share. Saved all at once, or not at all.

import { saveGlobalPreferencesAction } from "@/app/(app)/settings/actions";
import {
  ALERT_HINTS,
  ALERT_TOGGLES,
  CHANNELS,
  DATE_FORMATS,
  NOTIFICATION_FREQUENCIES,
  NOTIFICATION_FREQUENCY_LABELS,
  PRIVACY_TOGGLES,
  SYNC_FREQUENCIES,
  SYNC_FREQUENCY_LABELS,
  TIME_FORMAT_LABELS,
  TIME_FORMATS,
} from "@/lib/preferences/options";
import { CheckboxInput, Section, SelectInput, TextInput } from "./fields";
import { SaveBar } from "./save-bar";
import { type FormValues, useSettingsForm } from "./use-settings-form";

const DATE_OPTIONS = DATE_FORMATS.map(({ pattern, example }) => ({ value: pattern, label: `${example} (${pattern})` }));
const TIME_OPTIONS = TIME_FORMATS.map((value) => ({ value, label: TIME_FORMAT_LABELS[value] }));
const SYNC_OPTIONS = SYNC_FREQUENCIES.map((value) => ({ value, label: SYNC_FREQUENCY_LABELS[value] }));
const NOTIFY_OPTIONS = NOTIFICATION_FREQUENCIES.map((value) => ({
  value,
  label: NOTIFICATION_FREQUENCY_LABELS[value],
}));

export function GlobalPreferencesForm({ initial, currencies }: { initial: FormValues; currencies: string[] }) {
  const form = useSettingsForm(saveGlobalPreferencesAction, initial);
  return (
    <form ref={form.formRef} onSubmit={form.onSubmit} noValidate className="space-y-6">
      <Section title="Display" description="How amounts, dates and times look on every page.">
        <div className="grid gap-4 sm:grid-cols-2">
          <TextInput
            form={form}
            name="defaultCurrency"
            label="Default currency"
            hint="An ISO 4217 code in capitals, like USD, EUR or GBP."
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
        <CheckboxInput
          form={form}
          name="showBalances"
          label="Show balances"
          hint="Off: every amount shows as •••••• (handy when sharing your screen)."
        />
        <CheckboxInput
          form={form}
          name="showTransactionDetails"
          label="Show transaction details"
          hint="Merchant, category and location beside each transaction."
        />
      </Section>

      <Section title="Alerts" description="Defaults for every account; an account can override each one.">
        {ALERT_TOGGLES.map((alert) => (
          <div key={alert.field} className="grid gap-3 sm:grid-cols-2 sm:items-start">
            <CheckboxInput form={form} name={alert.field} label={alert.label} hint={ALERT_HINTS[alert.field]} />
            {alert.threshold ? (
              <TextInput
                form={form}
                name={alert.threshold}
                label={alert.amountLabel}
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
        <SelectInput form={form} name="notificationFrequency" label="Notification frequency" options={NOTIFY_OPTIONS} />
      </Section>

      <Section title="Sync">
        <SelectInput
          form={form}
          name="syncFrequency"
          label="Sync frequency"
          hint="How often Mingus asks your banks for new balances and transactions."
          options={SYNC_OPTIONS}
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
