"use client";
// Deleting a manual account, with its balance history and transactions: the person ticks that they
// mean it before the button does anything.
import { useActionState, useState } from "react";
import type { FormAction } from "@/components/form-action";
import { Button } from "@/components/ui/button";
import { CHECKBOX_CLASS, Field } from "@/components/ui/field";
import { FormStatus } from "./form-status";

export function DeleteAccountForm({
  accountId,
  name,
  action,
}: {
  accountId: string;
  name: string;
  action: FormAction;
}) {
  const [state, formAction, pending] = useActionState(action, {});
  const [sure, setSure] = useState(false);
  return (
    <form action={formAction} className="max-w-xl space-y-4">
      <input type="hidden" name="accountId" value={accountId} />
      <Field id="confirmDelete" label={`Delete ${name} and everything recorded in it`} checkbox validated={false}>
        {(control) => (
          <input
            {...control}
            type="checkbox"
            checked={sure}
            onChange={(event) => setSure(event.target.checked)}
            className={CHECKBOX_CLASS}
          />
        )}
      </Field>
      <div className="flex flex-wrap items-center gap-3">
        <Button type="submit" variant="danger" disabled={!sure || pending}>
          {pending ? "Deleting…" : "Delete account"}
        </Button>
        <FormStatus state={state} />
      </div>
    </form>
  );
}
