"use client";
// A manual account's new balance: as of today, or as of an earlier day (kept as history).
import { useActionState } from "react";
import type { FormAction } from "@/components/form-action";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/field";
import { FormStatus } from "./form-status";

export function BalanceForm({ accountId, action, today }: { accountId: string; action: FormAction; today: string }) {
  const [state, formAction, pending] = useActionState(action, {});
  const errors = state.errors ?? {};
  return (
    <form action={formAction} noValidate className="max-w-xl space-y-4">
      <input type="hidden" name="accountId" value={accountId} />
      <div className="grid gap-4 sm:grid-cols-2">
        <TextField
          id="balance"
          name="balance"
          label="New balance"
          inputMode="decimal"
          hint="Negative for an overdrawn account."
          errors={errors.balance}
        />
        <TextField
          id="asOf"
          name="asOf"
          label="As of"
          type="date"
          max={today}
          hint="Leave empty for now."
          errors={errors.asOf}
        />
      </div>
      <div className="flex flex-wrap items-center gap-3">
        <Button type="submit" disabled={pending}>
          {pending ? "Saving…" : "Update balance"}
        </Button>
        <FormStatus state={state} />
      </div>
    </form>
  );
}
