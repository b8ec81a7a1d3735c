"use client";
// "Mark read" for one notification and "Mark all read": small server-action forms that work without
// JavaScript too. The outcome is announced beside the button; the list and the bell re-render.
import type { FormAction } from "@/components/form-action";
import { RowActionForm } from "@/components/row-action-form";
import { ActionButton } from "./action-button";

export function MarkReadButton({ id, title, action }: { id: string; title: string; action: FormAction }) {
  return (
    <RowActionForm
      action={action}
      field={{ name: "id", value: id }}
      label="Mark read"
      accessibleName={`Mark read: ${title}`}
      announce="failure"
      className="ml-auto"
    />
  );
}

export function MarkAllReadButton({ unread, action }: { unread: number; action: FormAction }) {
  return <ActionButton action={action} label="Mark all read" pendingLabel="Marking…" disabled={unread === 0} />;
}
