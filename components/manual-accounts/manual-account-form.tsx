"use client";
// Adding a manual account, or editing one: its name, what kind of account it is, its currency (fixed
// once added: the balances are in it) and its opening balance on its opening date.
import { useActionState } from "react";
import type { FormAction } from "@/components/form-action";
import { Button } from "@/components/ui/button";
import { Field, INPUT_CLASS, TextField } from "@/components/ui/field";
import { FormStatus } from "./form-status";

export type ManualAccountValues = {
  accountId?: string;
  name: string;
  /** "type/subtype", one of `kinds`. */
  kind: string;
  currency: string;
  openingBalance: string;
  /** YYYY-MM-DD */
  openingDate: string;
};

export function ManualAccountForm({
  action,
  initial,
  kinds,
  submitLabel,
  today,
}: {
  action: FormAction;
  initial: ManualAccountValues;
  kinds: { value: string; label: string }[];
  submitLabel: string;
  /** The latest opening date allowed, YYYY-MM-DD. */
  today: string;
}) {
  const [state, formAction, pending] = useActionState(action, {});
  const errors = state.errors ?? {};
  const editing = initial.accountId !== undefined;
  return (
    <form action={formAction} noValidate className="max-w-xl space-y-4">
      {editing ? <input type="hidden" name="accountId" value={initial.accountId} /> : null}
      <TextField id="name" name="name" label="Name" defaultValue={initial.name} required errors={errors.name} />
      <Field id="kind" label="Kind of account" errors={errors.kind}>
        {(control) => (
          <select {...control} name="kind" defaultValue={initial.kind} className={INPUT_CLASS}>
            {kinds.map((kind) => (
              <option key={kind.value} value={kind.value}>
                {kind.label}
              </option>
            ))}
          </select>
        )}
      </Field>
      {editing ? null : (
        <TextField
          id="currency"
          name="currency"
          label="Currency"
          hint="Three letters, like USD or EUR. It cannot change once the account is added."
          defaultValue={initial.currency}
          autoCapitalize="characters"
          maxLength={3}
          errors={errors.currency}
        />
      )}
      <div className="grid gap-4 sm:grid-cols-2">
        <TextField
          id="openingBalance"
          name="openingBalance"
          label="Opening balance"
          hint="What the account held on the opening date; for a card or loan, what was owed."
          inputMode="decimal"
          defaultValue={initial.openingBalance}
          errors={errors.openingBalance}
        />
        <TextField
          id="openingDate"
          name="openingDate"
          label="Opening date"
          type="date"
          max={today}
          defaultValue={initial.openingDate}
          errors={errors.openingDate}
        />
      </div>
      <div className="flex flex-wrap items-center gap-3">
        <Button type="submit" disabled={pending}>
          {pending ? "Saving…" : submitLabel}
        </Button>
        <FormStatus state={state} />
      </div>
    </form>
  );
}
