"use client";
// /accounts/[id]/settings: the account's own look and details, and for each alert, channel and sync
// setting either "inherit" (shown with its current value and source) or an override.

import { useState } from "react";
import { saveAccountSettingsAction } from "@/app/(app)/accounts/[id]/settings/actions";
import {
  ALERT_HINTS,
  ALERT_TOGGLES,
  CHANNELS,
  NOTIFICATION_FREQUENCIES,
  NOTIFICATION_FREQUENCY_LABELS,
  SYNC_FREQUENCIES,
  SYNC_FREQUENCY_LABELS,
} from "@/lib/preferences/options";
import { AccountAppearanceFields } from "./account-appearance-fields";
import { Section } from "./fields";
import { InheritSelect, ON_OFF, ThresholdOverride } from "./inherit-fields";
import { CHOICES, type InheritedDescriptions, SWITCHES, THRESHOLDS } from "./inheritable";
import { SaveBar, SECONDARY_BUTTON_CLASS } from "./save-bar";
import { type FormValues, useSettingsForm } from "./use-settings-form";

const SYNC_OPTIONS = SYNC_FREQUENCIES.map((value) => ({ value, label: SYNC_FREQUENCY_LABELS[value] }));
const NOTIFY_OPTIONS = NOTIFICATION_FREQUENCIES.map((value) => ({
  value,
  label: NOTIFICATION_FREQUENCY_LABELS[value],
}));

export function AccountSettingsForm({
  initial,
  inherited,
  bankName,
}: {
  initial: FormValues;
  inherited: InheritedDescriptions;
  bankName: string;
}) {
  const form = useSettingsForm(saveAccountSettingsAction, initial);
  const [resetNote, setResetNote] = useState(false);

  // Only the form changes here; nothing is written until Save, so a misclick costs nothing.
  function resetAll() {
    const next: FormValues = {};
    for (const field of [...SWITCHES, ...CHOICES]) next[field] = "inherit";
    for (const field of THRESHOLDS) {
      next[`${field}Override`] = "";
      next[field] = inherited[field].raw;
    }
    form.setMany(next);
    setResetNote(true);
  }

  return (
    <form
      ref={form.formRef}
      onSubmit={(event) => {
        setResetNote(false);
        form.onSubmit(event);
      }}
      noValidate
      className="space-y-6"
    >
      <input type="hidden" name="bankAccountId" value={form.values.bankAccountId} />
      <AccountAppearanceFields form={form} bankName={bankName} />

      <Section title="Sync">
        <InheritSelect
          form={form}
          name="syncFrequency"
          label="Sync frequency"
          inherited={inherited.syncFrequency}
          choices={SYNC_OPTIONS}
        />
      </Section>

      <Section title="Alerts" description="Each one inherits your defaults unless you override it here.">
        {ALERT_TOGGLES.map((alert) => (
          <div key={alert.field} className="grid gap-4 sm:grid-cols-2 sm:items-start">
            <InheritSelect
              form={form}
              name={alert.field}
              label={alert.label}
              hint={ALERT_HINTS[alert.field]}
              inherited={inherited[alert.field]}
              choices={ON_OFF}
            />
            {alert.threshold ? (
              <ThresholdOverride
                form={form}
                name={alert.threshold}
                label={alert.amountLabel}
                inherited={inherited[alert.threshold]}
              />
            ) : null}
          </div>
        ))}
      </Section>

      <Section title="Notifications" description="Where this account's alerts reach you, and how often.">
        <div className="grid gap-4 sm:grid-cols-2">
          {CHANNELS.map((channel) => (
            <InheritSelect
              key={channel.field}
              form={form}
              name={channel.field}
              label={channel.label}
              inherited={inherited[channel.field]}
              choices={ON_OFF}
            />
          ))}
        </div>
        <InheritSelect
          form={form}
          name="notificationFrequency"
          label="Notification frequency"
          inherited={inherited.notificationFrequency}
          choices={NOTIFY_OPTIONS}
        />
      </Section>

      <SaveBar form={form} label="Save settings">
        <button type="button" onClick={resetAll} className={SECONDARY_BUTTON_CLASS}>
          Reset all to inherited
        </button>
      </SaveBar>
      <p aria-live="polite" className="text-sm text-slate-600 dark:text-slate-400">
        {resetNote ? "Sync, alerts and notifications now inherit your defaults. Save to keep this." : ""}
      </p>
    </form>
  );
}
