"use client";
// A one-button server-action form for one row of a list or table (a connection, a notification): the
// row's id in a hidden field, a small button whose accessible name says which row, and the outcome
// announced beside it. Being a plain form, it works without JavaScript too.
import { useActionState } from "react";
import type { FormAction } from "@/components/form-action";
import { Button } from "@/components/ui/button";

const FORM = "flex items-center gap-2";

type Announce = "outcome" | "failure";
type State = Awaited<ReturnType<FormAction>>;

function status(announce: Announce, state: State, pending: boolean): { text?: string; className: string } {
  // Only a failure stays to be read: on success the row re-renders without this button.
  if (announce === "failure") {
    return { text: state.ok ? "" : state.message, className: "text-xs text-red-700 empty:hidden dark:text-red-400" };
  }
  return {
    text: pending ? "Working…" : state.message,
    className: `text-xs ${state.ok ? "text-emerald-700 dark:text-emerald-400" : "text-red-700 dark:text-red-400"}`,
  };
}

export function RowActionForm({
  action,
  field,
  label,
  accessibleName,
  variant = "secondary",
  announce,
  className,
}: {
  action: FormAction;
  /** The hidden field that names the row, like { name: "connectionId", value }. */
  field: { name: string; value: string };
  label: string;
  /** The button's name with its row: "Pause Tattersall Federal Credit Union for editor@e2e.test". */
  accessibleName: string;
  variant?: "primary" | "secondary";
  /** "outcome": "Working…" while it runs, then the action's message; "failure": only a failure's. */
  announce: Announce;
  /** Placement of the form in its row. */
  className?: string;
}) {
  const [state, formAction, pending] = useActionState(action, {});
  const said = status(announce, state, pending);
  return (
    <form action={formAction} className={className ? `${className} ${FORM}` : FORM}>
      <input type="hidden" name={field.name} value={field.value} />
      <Button
        type="submit"
        variant={variant}
        size="xs"
        aria-label={accessibleName}
        disabled={pending}
        className="whitespace-nowrap"
      >
        {label}
      </Button>
      <span role="status" className={said.className}>
        {said.text}
      </span>
    </form>
  );
}
