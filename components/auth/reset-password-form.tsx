"use client";
// The page a reset link opens: a new password for the account, then on to sign in.
import { useActionState } from "react";
import { NewPasswordField } from "@/components/auth/new-password-field";
import type { FormAction } from "@/components/form-action";
import { FormEnd } from "./form-end";

export function ResetPasswordForm({ action, token, email }: { action: FormAction; token: string; email: string }) {
  const [state, formAction, pending] = useActionState(action, {});
  return (
    <form action={formAction} className="space-y-4">
      <input type="hidden" name="token" value={token} />
      {/* Lets password managers tie the new password to the account. */}
      <input type="email" name="username" autoComplete="username" value={email} hidden readOnly />
      <NewPasswordField errors={state.errors?.newPassword} />
      <FormEnd message={state.message} pending={pending} label="Set new password" pendingLabel="Saving…" />
    </form>
  );
}
