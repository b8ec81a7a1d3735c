"use client";
// /accounts/[id]/settings: the account's own look and details, and for each alert, channel and sync
// setting either "inherit" (shown with its current value and source) or an override.

import { useState } from "react";
import type { FormAction } from "@/components/form-action";
import { Button } from "@/components/ui/button";
import { CHANNELS } from "@/lib/preferences/options";
import { AccountAppearanceFields } from "./account-appearance-fields";
import { CHOICE_FIELDS } from "./choices";
import { Section } from "./fields";
import { InheritSelect, ON_OFF, ThresholdOverride } from "./inherit-fields";
import { type AlertField, CHOICES, type InheritedDescriptions, SWITCHES, THRESHOLDS } from "./inheritable";
import { SaveBar } from "./save-bar";
import { type FormValues, type SettingsForm, useSettingsForm } from "./use-settings-form";

/** A setting chosen from a list (CHOICES), inheriting until overridden. */
function InheritChoice({
  form,
  name,
  inherited,
}: {
  form: SettingsForm;
  name: (typeof CHOICES)[number];
  inherited: InheritedDescriptions;
}) {
  return <InheritSelect form={form} name={name} inherited={inherited[name]} {...CHOICE_FIELDS[name]} />;
}

export function AccountSettingsForm({
  initial,
  inherited,
  bankName,
  action,
  alerts,
}: {
  initial: FormValues;
  inherited: InheritedDescriptions;
  bankName: string;
  /** Saves the account's settings and details, all or nothing. */
  action: FormAction;
  /** The alert rules' fields, in the registry's order (toAlertFields). */
  alerts: AlertField[];
}) {
  const form = useSettingsForm(action, initial);
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
        <InheritChoice form={form} name="syncFrequency" inherited={inherited} />
      </Section>

      <Section title="Alerts" description="Each one inherits your defaults unless you override it here.">
        {alerts.map((alert) => (
          <div key={alert.field} className="grid gap-4 sm:grid-cols-2 sm:items-start">
            <InheritSelect
              form={form}
              name={alert.field}
              label={alert.label}
              hint={alert.hint}
              inherited={inherited[alert.field]}
              options={ON_OFF}
            />
            {alert.threshold ? (
              <ThresholdOverride
                form={form}
                name={alert.threshold}
                label={alert.amountLabel ?? alert.label}
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
              options={ON_OFF}
            />
          ))}
        </div>
        <InheritChoice form={form} name="notificationFrequency" inherited={inherited} />
      </Section>

      <SaveBar form={form} label="Save settings">
        <Button variant="secondary" onClick={resetAll}>
          Reset all to inherited
        </Button>
      </SaveBar>
      <p aria-live="polite" className="text-sm text-slate-600 dark:text-slate-400">
        {resetNote ? "Sync, alerts and notifications now inherit your defaults. Save to keep this." : ""}
      </p>
    </form>
  );
}
