// The end of a settings form: the form's own message (announced), the save button, any extra
// buttons, and "Saved." after a successful save until the next change.
import type { SettingsForm } from "./use-settings-form";

export function SaveBar({ form, label, children }: { form: SettingsForm; label: string; children?: React.ReactNode }) {
  return (
    <div className="space-y-3">
      <p role="alert" aria-live="polite" className="text-sm font-medium text-red-700 empty:hidden dark:text-red-400">
        {form.message}
      </p>
      <div className="flex flex-wrap items-center gap-3">
        <button
          type="submit"
          disabled={form.pending}
          className="rounded-lg bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-500 disabled:opacity-60"
        >
          {form.pending ? "Saving…" : label}
        </button>
        {children}
        <p role="status" aria-live="polite" className="text-sm font-medium text-green-700 dark:text-green-400">
          {form.saved ? "Saved." : ""}
        </p>
      </div>
    </div>
  );
}

export const SECONDARY_BUTTON_CLASS =
  "rounded-lg border border-slate-300 px-4 py-2 text-sm font-medium hover:bg-slate-50 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-500 dark:border-slate-700 dark:hover:bg-slate-900";
