"use client";
// The mobile number SMS alerts go to: typed any common way, saved in international (E.164) form, and
// removed by saving it empty. The field keeps what was typed when it is refused, and shows the stored
// form once saved.
import { useActionState, useState } from "react";
import { savePhoneNumberAction } from "@/app/(app)/notifications/channel-actions";
import type { ActionState } from "@/lib/auth/action";

type State = ActionState<{ phoneNumber: string | null }>;

const INPUT =
  "block w-full rounded-lg border border-slate-300 bg-white px-3 py-2 text-sm shadow-sm focus:border-brand-500 focus:outline-2 focus:outline-brand-500 aria-invalid:border-red-500 sm:max-w-64 dark:border-slate-700 dark:bg-slate-900";

export function PhoneNumberForm({ initial, smsConfigured }: { initial: string | null; smsConfigured: boolean }) {
  const [value, setValue] = useState(initial ?? "");
  const [state, formAction, pending] = useActionState(async (previous: State, formData: FormData) => {
    const result = await savePhoneNumberAction(previous, formData);
    if (result.ok && result.data) setValue(result.data.phoneNumber ?? "");
    return result;
  }, {});
  const errors = state.errors?.phoneNumber;
  const describedBy = [
    "phoneNumber-hint",
    smsConfigured ? null : "phoneNumber-note",
    errors?.length ? "phoneNumber-error" : null,
  ]
    .filter(Boolean)
    .join(" ");
  return (
    <form action={formAction} noValidate className="space-y-2">
      <div className="space-y-1">
        <label htmlFor="phoneNumber" className="block text-sm font-medium">
          Mobile number
        </label>
        <div className="flex flex-wrap items-center gap-2">
          <input
            id="phoneNumber"
            name="phoneNumber"
            type="tel"
            autoComplete="tel"
            inputMode="tel"
            placeholder="+1 555 010 0199"
            value={value}
            onChange={(event) => setValue(event.target.value)}
            aria-invalid={errors?.length ? true : undefined}
            aria-describedby={describedBy}
            className={INPUT}
          />
          <button
            type="submit"
            disabled={pending}
            className="rounded-lg bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-500 disabled:opacity-60"
          >
            {pending ? "Saving…" : "Save number"}
          </button>
        </div>
        <p id="phoneNumber-hint" className="text-xs text-slate-500 dark:text-slate-400">
          With + and the country code; spaces and dashes are fine. Save it empty to remove it.
        </p>
        {smsConfigured ? null : (
          <p id="phoneNumber-note" className="text-xs text-amber-700 dark:text-amber-300">
            No texts are sent until SMS is set up on this server; your number is kept for then.
          </p>
        )}
        <p id="phoneNumber-error" aria-live="polite" className="text-sm text-red-700 empty:hidden dark:text-red-400">
          {errors?.join(" ")}
        </p>
      </div>
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
