"use client";
// Settings → Security's sessions: every browser signed in to the account, with where and when it was
// last seen, "Sign out" for each other one, and "Sign out everywhere". Plain forms: they work without
// JavaScript too.
import { useActionState } from "react";
import type { FormAction } from "@/components/form-action";
import { RowActionForm } from "@/components/row-action-form";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Panel } from "@/components/ui/panel";

export interface SessionRow {
  id: string;
  /** "Firefox on macOS" */
  device: string;
  /** "France", "Local network", or null when unknown. */
  place: string | null;
  ipAddress: string | null;
  signedIn: string;
  lastSeen: string;
  current: boolean;
  /** The password was given, its two-factor code not yet: maybe someone else who has the password. */
  awaitingCode: boolean;
}

export interface SessionActions {
  end: FormAction;
  endOthers: FormAction;
  endAll: FormAction;
}

function Where({ session }: { session: SessionRow }) {
  const parts = [session.place ?? "Place unknown", session.ipAddress].filter(Boolean);
  return <>{parts.join(" · ")}</>;
}

function BulkForm({ action, label, variant }: { action: FormAction; label: string; variant: "secondary" | "danger" }) {
  const [state, formAction, pending] = useActionState(action, {});
  return (
    <form action={formAction} className="flex flex-wrap items-center gap-2">
      <Button type="submit" variant={variant} size="sm" disabled={pending}>
        {pending ? "Signing out…" : label}
      </Button>
      <span
        role="status"
        className={`text-sm ${state.ok ? "text-emerald-700 dark:text-emerald-400" : "text-red-700 dark:text-red-400"}`}
      >
        {state.message}
      </span>
    </form>
  );
}

export function SessionList({ sessions, actions }: { sessions: SessionRow[]; actions: SessionActions }) {
  return (
    <Panel
      id="sessions"
      title="Where you are signed in"
      description="Each browser that signed in to your account. If you do not recognise one, sign it out and change your password. Places are guessed from the network address and are often only the country of your provider."
    >
      <ul className="divide-y divide-slate-200 dark:divide-slate-800" aria-label="Sessions">
        {sessions.map((session) => (
          <li key={session.id} className="flex flex-wrap items-start justify-between gap-3 py-3">
            <div className="min-w-0 space-y-0.5 text-sm">
              <p className="flex flex-wrap items-center gap-2 font-medium">
                <span className="break-words">{session.device}</span>
                {session.current ? <Badge tone="ok">This browser</Badge> : null}
                {session.awaitingCode ? <Badge tone="warning">Waiting for its two-factor code</Badge> : null}
              </p>
              <p className="break-words text-slate-600 dark:text-slate-400">
                <Where session={session} />
              </p>
              <p className="text-slate-600 dark:text-slate-400">
                Signed in {session.signedIn} · last seen {session.lastSeen}
              </p>
            </div>
            {session.current ? null : (
              <RowActionForm
                action={actions.end}
                field={{ name: "sessionId", value: session.id }}
                label="Sign out"
                accessibleName={`Sign out ${session.device}, last seen ${session.lastSeen}`}
                announce="failure"
              />
            )}
          </li>
        ))}
      </ul>
      <div className="flex flex-wrap items-start gap-x-6 gap-y-3 border-t border-slate-200 pt-4 dark:border-slate-800">
        {/* Kept when no other session is left, so its outcome stays on screen. */}
        <BulkForm action={actions.endOthers} label="Sign out other sessions" variant="secondary" />
        <BulkForm action={actions.endAll} label="Sign out everywhere" variant="danger" />
      </div>
    </Panel>
  );
}
