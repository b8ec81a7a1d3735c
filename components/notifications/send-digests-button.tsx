"use client";
// "Send now" on the digest panel; what happened is announced beside it.
import { sendDigestsNowAction } from "@/app/(app)/notifications/digest-actions";
import { ActionButton } from "./action-button";

export function SendDigestsButton({ disabled }: { disabled: boolean }) {
  return (
    <ActionButton
      action={sendDigestsNowAction}
      label="Send now"
      pendingLabel="Sending…"
      disabled={disabled}
      variant="primary"
    />
  );
}
