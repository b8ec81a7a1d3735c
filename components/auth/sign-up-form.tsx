"use client";
// Sign-up answers the same whether or not the address has an account (app/(auth)/actions.ts), so it
// ends in "check your email" and a way to sign in, never in a session of its own.
import Link from "next/link";
import { useActionState } from "react";
import type { FormAction } from "@/components/form-action";
import { TextField } from "@/components/ui/field";
import { STANDALONE_LINK } from "@/components/ui/text-link";
import type { ActionState } from "@/lib/auth/action";
import { EmailField } from "./email-field";
import { FormEnd } from "./form-end";

export function SignUpForm({ signUp }: { signUp: FormAction }) {
  const [state, action, pending] = useActionState<ActionState, FormData>(signUp, {});
  if (state.ok) {
    return (
      <div className="space-y-4">
        <h3 className="font-semibold">Check your email</h3>
        <p role="status" className="text-sm text-slate-700 dark:text-slate-300">
          {state.message}
        </p>
        <p className="text-sm text-slate-700 dark:text-slate-300">
          You can sign in with your password now.{" "}
          <Link href="/sign-in" className={STANDALONE_LINK}>
            Sign in
          </Link>
        </p>
      </div>
    );
  }
  return (
    <form action={action} className="space-y-4">
      <TextField id="name" label="Name" name="name" autoComplete="name" errors={state.errors?.name} />
      <EmailField errors={state.errors?.email} />
      <TextField
        id="password"
        label="Password"
        name="password"
        type="password"
        autoComplete="new-password"
        required
        hint="At least 10 characters."
        errors={state.errors?.password}
      />
      <FormEnd message={state.message} pending={pending} label="Create account" pendingLabel="Creating your account…" />
    </form>
  );
}
