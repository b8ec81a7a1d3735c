"use client";
// A one-button server-action form ("Mark all read", "Send now") that works without JavaScript, with
// what happened announced beside it.
import { useActionState } from "react";
import type { ActionState } from "@/lib/auth/action";

const VARIANTS = {
  primary: "bg-brand-600 text-white hover:bg-brand-700",
  secondary: "border border-slate-300 hover:bg-slate-50 dark:border-slate-700 dark:hover:bg-slate-900",
} as const;

export function ActionButton({
  action,
  label,
  pendingLabel,
  disabled = false,
  variant = "secondary",
}: {
  action: (state: ActionState, formData: FormData) => Promise<ActionState>;
  label: string;
  pendingLabel: string;
  disabled?: boolean;
  variant?: keyof typeof VARIANTS;
}) {
  const [state, formAction, pending] = useActionState(action, {});
  return (
    <form action={formAction} className="flex flex-wrap items-center gap-x-3 gap-y-1">
      <button
        type="submit"
        disabled={pending || disabled}
        className={`rounded-lg px-3 py-1.5 text-sm font-medium focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-500 disabled:cursor-not-allowed disabled:opacity-50 ${VARIANTS[variant]}`}
      >
        {pending ? pendingLabel : label}
      </button>
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
