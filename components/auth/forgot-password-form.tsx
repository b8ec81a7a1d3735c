"use client";
// "Forgot your password?": an email address in, the same answer out whether or not it has an account.
import { useActionState } from "react";
import type { FormAction } from "@/components/form-action";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/field";

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
      <TextField
        id="email"
        label="Email"
        name="email"
        type="email"
        autoComplete="email"
        required
        errors={state.errors?.email}
      />
      <p role="alert" aria-live="polite" className="min-h-5 text-sm text-red-700 dark:text-red-400">
        {state.message}
      </p>
      <Button type="submit" wide disabled={pending}>
        {pending ? "Sending…" : "Email me a link"}
      </Button>
    </form>
  );
}
