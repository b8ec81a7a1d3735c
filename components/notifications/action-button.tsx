"use client";
// A one-button server-action form ("Mark all read", "Send now") that works without JavaScript, with
// what happened announced beside it.
import { useActionState } from "react";
import type { FormAction } from "@/components/form-action";
import { Button } from "@/components/ui/button";

export function ActionButton({
  action,
  label,
  pendingLabel,
  disabled = false,
  variant = "secondary",
}: {
  action: FormAction;
  label: string;
  pendingLabel: string;
  disabled?: boolean;
  variant?: "primary" | "secondary";
}) {
  const [state, formAction, pending] = useActionState(action, {});
  return (
    <form action={formAction} className="flex flex-wrap items-center gap-x-3 gap-y-1">
      <Button type="submit" variant={variant} size="sm" disabled={pending || disabled}>
        {pending ? pendingLabel : label}
      </Button>
      <p
        role="status"
        aria-live="polite"
        className={`text-sm ${state.ok ? "text-emerald-700 dark:text-emerald-400" : "text-red-700 dark:text-red-400"}`}
      >
        {state.message}
      </p>
    </form>
  );
}
