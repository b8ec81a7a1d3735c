"use client";
// The page a confirmation link opens: one button, so only a person (not a mail scanner opening the
// link) confirms the address.
import type { FormAction } from "@/components/form-action";
import { TokenForm } from "./token-form";

export function ConfirmEmailForm({ action, token, label }: { action: FormAction; token: string; label: string }) {
  return <TokenForm action={action} token={token} label={label} pendingLabel="Confirming…" />;
}
