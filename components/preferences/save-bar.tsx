// The end of a settings form: the form's own message (announced), the save button, any extra
// buttons, and "Saved." after a successful save until the next change.
import { Button } from "@/components/ui/button";
import type { SettingsForm } from "./use-settings-form";

export function SaveBar({ form, label, children }: { form: SettingsForm; label: string; children?: React.ReactNode }) {
  return (
    <div className="space-y-3">
      <p role="alert" aria-live="polite" className="text-sm font-medium text-red-700 empty:hidden dark:text-red-400">
        {form.message}
      </p>
      <div className="flex flex-wrap items-center gap-3">
        <Button type="submit" disabled={form.pending}>
          {form.pending ? "Saving…" : label}
        </Button>
        {children}
        <p role="status" aria-live="polite" className="text-sm font-medium text-green-700 dark:text-green-400">
          {form.saved ? "Saved." : ""}
        </p>
      </div>
    </div>
  );
}
