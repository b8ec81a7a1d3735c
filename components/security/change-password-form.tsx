"use client";
// Settings → Security's "Change password": the current password, then the new one. On success the form
// empties and says that every other session was signed out.
import { useActionState } from "react";
import { NewPasswordField } from "@/components/auth/new-password-field";
import type { FormAction } from "@/components/form-action";
import { Button } from "@/components/ui/button";
import { Panel } from "@/components/ui/panel";
import { CurrentPasswordField } from "./current-password-field";
import { StatusLine } from "./status-line";

export function ChangePasswordForm({ action }: { action: FormAction }) {
  const [state, formAction, pending] = useActionState(action, {});
  return (
    <Panel
      id="password"
      title="Change password"
      description="Every other browser signed in to your account is signed out when you change it."
    >
      <form action={formAction} className="max-w-md space-y-4">
        {/* Lets password managers tie the new password to the account. */}
        <input type="text" name="username" autoComplete="username" hidden readOnly />
        <CurrentPasswordField id="current-password" errors={state.errors?.currentPassword} />
        <NewPasswordField errors={state.errors?.newPassword} />
        <StatusLine ok={state.ok} message={state.message} />
        <Button type="submit" disabled={pending}>
          {pending ? "Changing…" : "Change password"}
        </Button>
      </form>
    </Panel>
  );
}
