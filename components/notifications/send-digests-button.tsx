"use client";
// "Send now" on the digest panel; what happened is announced beside it.
import type { FormAction } from "@/components/form-action";
import { ActionButton } from "./action-button";

export function SendDigestsButton({ disabled, action }: { disabled: boolean; action: FormAction }) {
  return (
    <ActionButton action={action} label="Send now" pendingLabel="Sending…" disabled={disabled} variant="primary" />
  );
}
