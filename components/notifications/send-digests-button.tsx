"use client";
// "Send now" on the digest panel; what happened is announced beside it.
import { useActionState } from "react";
import { sendDigestsNowAction } from "@/app/(app)/notifications/digest-actions";

export function SendDigestsButton({ disabled }: { disabled: boolean }) {
  const [state, formAction, pending] = useActionState(sendDigestsNowAction, {});
  return (
    <form action={formAction} className="flex flex-wrap items-center gap-x-3 gap-y-1">
      <button
        type="submit"
        disabled={pending || disabled}
        className="rounded-lg bg-brand-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-brand-700 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-500 disabled:cursor-not-allowed disabled:opacity-50"
      >
        {pending ? "Sending…" : "Send now"}
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
