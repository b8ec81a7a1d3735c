"use client";
// The page a reset link opens: a new password for the account, then on to sign in.
import { NewPasswordField } from "@/components/auth/new-password-field";
import type { FormAction } from "@/components/form-action";
import { TokenForm } from "./token-form";

export function ResetPasswordForm({ action, token, email }: { action: FormAction; token: string; email: string }) {
  return (
    <TokenForm
      action={action}
      token={token}
      label="Set new password"
      pendingLabel="Saving…"
      fields={(state) => (
        <>
          {/* Lets password managers tie the new password to the account. */}
          <input type="email" name="username" autoComplete="username" value={email} hidden readOnly />
          <NewPasswordField errors={state.errors?.newPassword} />
        </>
      )}
    />
  );
}
