"use client";
// Retry, Pause and Resume for one connection: small server-action forms whose outcome is announced
// in a live region beside them. Each button's name says which connection it acts on.
import { useActionState } from "react";
import type { ActionState } from "@/lib/auth/action";

type Action = (previous: ActionState, formData: FormData) => Promise<ActionState>;

export interface ConnectionActionHandlers {
  retry: Action;
  pause: Action;
  resume: Action;
}

function ActionForm({
  action,
  connectionId,
  label,
  name,
  tone,
}: {
  action: Action;
  connectionId: string;
  label: string;
  name: string;
  tone: "primary" | "secondary";
}) {
  const [state, formAction, pending] = useActionState(action, {});
  const style =
    tone === "primary"
      ? "bg-brand-600 text-white hover:bg-brand-700"
      : "border border-slate-300 text-slate-800 hover:bg-slate-50 dark:border-slate-700 dark:text-slate-200 dark:hover:bg-slate-900";
  return (
    <form action={formAction} className="flex items-center gap-2">
      <input type="hidden" name="connectionId" value={connectionId} />
      <button
        type="submit"
        aria-label={`${label} ${name}`}
        disabled={pending}
        className={`rounded-md px-2.5 py-1 text-xs font-medium whitespace-nowrap focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-500 disabled:opacity-60 ${style}`}
      >
        {label}
      </button>
      <span
        role="status"
        className={`text-xs ${state.ok ? "text-emerald-700 dark:text-emerald-400" : "text-red-700 dark:text-red-400"}`}
      >
        {pending ? "Working…" : state.message}
      </span>
    </form>
  );
}

export function ConnectionActions({
  connectionId,
  name,
  paused,
  actions,
}: {
  connectionId: string;
  /** "Tattersall Federal Credit Union for editor@e2e.test": completes each button's accessible name. */
  name: string;
  paused: boolean;
  actions: ConnectionActionHandlers;
}) {
  return (
    <div className="flex flex-col items-start gap-1.5">
      {paused ? null : (
        <ActionForm action={actions.retry} connectionId={connectionId} label="Retry sync" name={name} tone="primary" />
      )}
      {paused ? (
        <ActionForm
          key="resume"
          action={actions.resume}
          connectionId={connectionId}
          label="Resume"
          name={name}
          tone="secondary"
        />
      ) : (
        <ActionForm
          key="pause"
          action={actions.pause}
          connectionId={connectionId}
          label="Pause"
          name={name}
          tone="secondary"
        />
      )}
    </div>
  );
}
