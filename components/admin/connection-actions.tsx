"use client";
// Retry, Pause, Resume and Check health for one connection: small server-action forms whose outcome is announced
// in a live region beside them. Each button's name says which connection it acts on.
import type { FormAction } from "@/components/form-action";
import { RowActionForm } from "@/components/row-action-form";

export interface ConnectionActionHandlers {
  retry: FormAction;
  pause: FormAction;
  resume: FormAction;
  health: FormAction;
}

type Kind = keyof ConnectionActionHandlers;

const FORMS: Record<Kind, { label: string; variant: "primary" | "secondary" }> = {
  retry: { label: "Retry sync", variant: "primary" },
  pause: { label: "Pause", variant: "secondary" },
  resume: { label: "Resume", variant: "secondary" },
  health: { label: "Check health", variant: "secondary" },
};

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
  // A paused connection only resumes; keyed by kind, so Pause and Resume never share a form's state.
  const kinds: Kind[] = paused ? ["resume", "health"] : ["retry", "pause", "health"];
  return (
    <div className="flex flex-col items-start gap-1.5">
      {kinds.map((kind) => (
        <RowActionForm
          key={kind}
          action={actions[kind]}
          field={{ name: "connectionId", value: connectionId }}
          label={FORMS[kind].label}
          accessibleName={`${FORMS[kind].label} ${name}`}
          variant={FORMS[kind].variant}
          announce="outcome"
        />
      ))}
    </div>
  );
}
