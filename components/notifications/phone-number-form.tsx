"use client";
// The mobile number SMS alerts go to: typed any common way, saved in international (E.164) form, and
// removed by saving it empty. The field keeps what was typed when it is refused, and shows the stored
// form once saved.
import { useActionState, useState } from "react";
import type { FormAction } from "@/components/form-action";
import { Button } from "@/components/ui/button";
import { Field, INPUT_CLASS } from "@/components/ui/field";

export type SavePhoneNumberAction = FormAction<{ phoneNumber: string | null }>;

export function PhoneNumberForm({
  initial,
  smsConfigured,
  action,
}: {
  initial: string | null;
  smsConfigured: boolean;
  action: SavePhoneNumberAction;
}) {
  const [value, setValue] = useState(initial ?? "");
  const [state, formAction, pending] = useActionState<Awaited<ReturnType<SavePhoneNumberAction>>, FormData>(
    async (previous, formData) => {
      const result = await action(previous, formData);
      if (result.ok && result.data) setValue(result.data.phoneNumber ?? "");
      return result;
    },
    {},
  );
  const errors = state.errors?.phoneNumber;
  return (
    <form action={formAction} noValidate className="space-y-2">
      <Field
        id="phoneNumber"
        label="Mobile number"
        hint="With + and the country code; spaces and dashes are fine. Save it empty to remove it."
        note={
          smsConfigured ? null : (
            <p id="phoneNumber-note" className="text-xs text-amber-700 dark:text-amber-300">
              No texts are sent until SMS is set up on this server; your number is kept for then.
            </p>
          )
        }
        describedBy={[!smsConfigured && "phoneNumber-note"]}
        errors={errors}
      >
        {(control) => (
          <div className="flex flex-wrap items-center gap-2">
            <input
              {...control}
              name="phoneNumber"
              type="tel"
              autoComplete="tel"
              inputMode="tel"
              placeholder="+1 555 010 0199"
              value={value}
              onChange={(event) => setValue(event.target.value)}
              className={`${INPUT_CLASS} sm:max-w-64`}
            />
            <Button type="submit" disabled={pending}>
              {pending ? "Saving…" : "Save number"}
            </Button>
          </div>
        )}
      </Field>
      <p
        role="status"
        aria-live="polite"
        className={`text-sm font-medium ${state.ok ? "text-emerald-700 dark:text-emerald-400" : "text-red-700 dark:text-red-400"}`}
      >
        {state.ok || !errors?.length ? state.message : null}
      </p>
    </form>
  );
}
