"use client";

import { useRouter } from "next/navigation";
import { signIn } from "next-auth/react";
import { useActionState, useEffect, useRef } from "react";
import type { FormAction } from "@/components/form-action";
import { TextField } from "@/components/ui/field";
import type { ActionState } from "@/lib/auth/action";
import { EmailField } from "./email-field";
import { FormEnd } from "./form-end";

export function SignUpForm({ signUp }: { signUp: FormAction }) {
  const router = useRouter();
  const [state, action, pending] = useActionState<ActionState, FormData>(async (previous, formData) => {
    const result = await signUp(previous, formData);
    if (result.ok) {
      const signedIn = await signIn("credentials", {
        email: String(formData.get("email") ?? ""),
        password: String(formData.get("password") ?? ""),
        redirect: false,
      });
      if (!signedIn?.ok || signedIn.error) return { message: "Your account is ready. Sign in to continue." };
    }
    return result;
  }, {});
  const done = useRef(false);

  useEffect(() => {
    if (state.ok && !done.current) {
      done.current = true;
      router.replace("/accounts");
      router.refresh();
    }
  }, [state.ok, router]);

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
      <FormEnd
        message={state.ok ? undefined : state.message}
        pending={pending}
        label="Create account"
        pendingLabel="Creating your account…"
      />
    </form>
  );
}
