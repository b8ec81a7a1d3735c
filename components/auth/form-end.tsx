// The end of every sign-in-side form (sign-up, forgot and reset password): the line that reads out
// what went wrong, then the one wide submit button, which says what it is doing while it works.
import { Button } from "@/components/ui/button";

export function FormEnd({
  message,
  pending,
  label,
  pendingLabel,
}: {
  /** Shown and announced; nothing when the form went through. */
  message: string | undefined;
  pending: boolean;
  label: string;
  pendingLabel: string;
}) {
  return (
    <>
      <p role="alert" aria-live="polite" className="min-h-5 text-sm text-red-700 dark:text-red-400">
        {message}
      </p>
      <Button type="submit" wide disabled={pending}>
        {pending ? pendingLabel : label}
      </Button>
    </>
  );
}
