"use client";
// Shown when the inbox cannot load; the reference lets support find the logged error.
import { ErrorState } from "@/components/error-state";

export default function NotificationsError({
  error,
  reset,
}: {
  error: Error & { digest?: string };
  reset: () => void;
}) {
  return (
    <ErrorState
      title="Your notifications could not be loaded"
      advice="Nothing was changed. Try again in a moment"
      error={error}
      reset={reset}
    />
  );
}
