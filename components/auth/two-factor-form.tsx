"use client";
// The second step of signing in: a code from the app or a recovery code, then on to where the person was going.
import { useActionState, useEffect } from "react";
import type { FormAction } from "@/components/form-action";
import { FormEnd } from "./form-end";
import { SecondFactorField } from "./second-factor-field";

export function TwoFactorForm({ action, callbackUrl }: { action: FormAction<{ next: string }>; callbackUrl: string }) {
  const [state, formAction, pending] = useActionState(action, {});
  const next = state.data?.next;
  useEffect(() => {
    // A whole page load: every part of the page, the header too, renders for the finished sign-in.
    if (next) window.location.assign(next);
  }, [next]);
  return (
    <form action={formAction} className="space-y-4">
      <input type="hidden" name="callbackUrl" value={callbackUrl} />
      <SecondFactorField id="code" errors={state.errors?.code} />
      <FormEnd message={state.message} pending={pending || Boolean(next)} label="Verify" pendingLabel="Checking…" />
    </form>
  );
}
