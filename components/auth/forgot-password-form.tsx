"use client";
// "Forgot your password?": an email address in, the same answer out whether or not it has an account.
import { useActionState } from "react";
import type { FormAction } from "@/components/form-action";
import { EmailField } from "./email-field";
import { FormEnd } from "./form-end";

export function ForgotPasswordForm({ action }: { action: FormAction }) {
  const [state, formAction, pending] = useActionState(action, {});
  if (state.ok) {
    return (
      <p role="status" className="text-sm text-slate-700 dark:text-slate-300">
        {state.message}
      </p>
    );
  }
  return (
    <form action={formAction} className="space-y-4">
      <EmailField errors={state.errors?.email} />
      <FormEnd message={state.message} pending={pending} label="Email me a link" pendingLabel="Sending…" />
    </form>
  );
}
