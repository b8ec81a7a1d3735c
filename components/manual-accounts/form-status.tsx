// The outcome of a manual-account form, announced politely: green when it worked, red when it did not.
import type { ActionState } from "@/lib/auth/action";

export function FormStatus({ state, id }: { state: ActionState<unknown>; id?: string }) {
  return (
    <p
      id={id}
      role="status"
      aria-live="polite"
      className={`text-sm font-medium ${state.ok ? "text-emerald-700 dark:text-emerald-400" : "text-red-700 dark:text-red-400"}`}
    >
      {state.message}
    </p>
  );
}
