"use client";
// The form a mailed link opens (choose a new password, confirm an address): the link's token carried in
// a hidden field, the fields the page adds, then the line that says what went wrong and the one button.
import { type ReactNode, useActionState } from "react";
import type { FormAction } from "@/components/form-action";
import type { ActionState } from "@/lib/auth/action";
import { FormEnd } from "./form-end";

export function TokenForm({
  action,
  token,
  label,
  pendingLabel,
  fields,
}: {
  action: FormAction;
  token: string;
  label: string;
  pendingLabel: string;
  /** The fields between the token and the button, given the form's last answer (its field errors). */
  fields?: (state: ActionState) => ReactNode;
}) {
  const [state, formAction, pending] = useActionState(action, {});
  return (
    <form action={formAction} className="space-y-4">
      <input type="hidden" name="token" value={token} />
      {fields?.(state)}
      <FormEnd message={state.message} pending={pending} label={label} pendingLabel={pendingLabel} />
    </form>
  );
}
