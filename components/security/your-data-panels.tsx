"use client";
// Settings → Security's last two sections: taking everything away (a zip of every table, as JSON and
// CSV) and leaving (the account deleted, its banks removed at Plaid). Deleting asks for the password
// again, or, for an account without one, its address typed out, and a tick that the person understands.
import { useActionState } from "react";
import { SecondFactorField } from "@/components/auth/second-factor-field";
import type { FormAction } from "@/components/form-action";
import { Button, buttonClass } from "@/components/ui/button";
import { CHECKBOX_CLASS, Field, TextField } from "@/components/ui/field";
import { Panel } from "@/components/ui/panel";
import { CurrentPasswordField } from "./current-password-field";

export function ExportPanel() {
  return (
    <Panel
      id="export"
      title="Export my data"
      description="Everything Mingus keeps about you and your accounts, as JSON and CSV files in one zip."
    >
      <a href="/settings/export.zip" download className={buttonClass({ variant: "secondary" })}>
        Download my data
      </a>
    </Panel>
  );
}

export function DeleteAccountPanel({
  email,
  hasPassword,
  twoFactor,
  action,
}: {
  email: string;
  hasPassword: boolean;
  /** Two-factor sign-in is on: deleting takes a code too. */
  twoFactor: boolean;
  action: FormAction;
}) {
  const [state, formAction, pending] = useActionState(action, {});
  return (
    <Panel
      id="delete"
      title="Delete my account"
      description="Removes your banks at Plaid, then your accounts, history, alerts and settings. This cannot be undone."
    >
      <form action={formAction} className="max-w-md space-y-4">
        {hasPassword ? (
          <CurrentPasswordField id="delete-current-password" errors={state.errors?.currentPassword} />
        ) : (
          <TextField
            id="delete-typed-email"
            label={`Type ${email} to confirm`}
            name="typedEmail"
            autoComplete="off"
            required
            errors={state.errors?.typedEmail}
          />
        )}
        {twoFactor ? <SecondFactorField id="delete-code" errors={state.errors?.code} /> : null}
        <Field
          id="delete-understood"
          label="I understand that my account and everything in it will be deleted for good."
          checkbox
          errors={state.errors?.understood}
        >
          {(control) => <input {...control} type="checkbox" name="understood" required className={CHECKBOX_CLASS} />}
        </Field>
        <p role="status" className="min-h-5 text-sm text-red-700 dark:text-red-400">
          {state.message}
        </p>
        <Button type="submit" variant="danger" disabled={pending}>
          {pending ? "Deleting…" : "Delete my account"}
        </Button>
      </form>
    </Panel>
  );
}
