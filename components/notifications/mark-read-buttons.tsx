"use client";
// "Mark read" for one notification and "Mark all read": small server-action forms that work without
// JavaScript too. The outcome is announced beside the button; the list and the bell re-render.
import { useActionState } from "react";
import { markAllNotificationsReadAction, markNotificationReadAction } from "@/app/(app)/notifications/actions";
import { ActionButton } from "./action-button";

const SMALL_BUTTON =
  "rounded-md border border-slate-300 px-2.5 py-1 text-xs font-medium whitespace-nowrap text-slate-800 hover:bg-slate-50 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-500 disabled:opacity-60 dark:border-slate-700 dark:text-slate-200 dark:hover:bg-slate-900";

export function MarkReadButton({ id, title }: { id: string; title: string }) {
  const [state, formAction, pending] = useActionState(markNotificationReadAction, {});
  return (
    <form action={formAction} className="ml-auto flex items-center gap-2">
      <input type="hidden" name="id" value={id} />
      <button type="submit" disabled={pending} aria-label={`Mark read: ${title}`} className={SMALL_BUTTON}>
        Mark read
      </button>
      {/* Only a failure stays to be read: on success the item re-renders as read, without this button. */}
      <span role="status" className="text-xs text-red-700 empty:hidden dark:text-red-400">
        {state.ok ? "" : state.message}
      </span>
    </form>
  );
}

export function MarkAllReadButton({ unread }: { unread: number }) {
  return (
    <ActionButton
      action={markAllNotificationsReadAction}
      label="Mark all read"
      pendingLabel="Marking…"
      disabled={unread === 0}
    />
  );
}
