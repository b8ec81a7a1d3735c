"use client";
// The page a confirmation link opens: one button, so only a person (not a mail scanner opening the
// link) confirms the address.
import { useActionState } from "react";
import type { FormAction } from "@/components/form-action";
import { FormEnd } from "./form-end";

export function ConfirmEmailForm({ action, token, label }: { action: FormAction; token: string; label: string }) {
  const [state, formAction, pending] = useActionState(action, {});
  return (
    <form action={formAction} className="space-y-4">
      <input type="hidden" name="token" value={token} />
      <FormEnd message={state.message} pending={pending} label={label} pendingLabel="Confirming…" />
    </form>
  );
}
