"use client";
import { ErrorState } from "@/components/error-state";

export default function AccountSettingsError({
  error,
  reset,
}: {
  error: Error & { digest?: string };
  reset: () => void;
}) {
  return (
    <ErrorState
      title="This account's settings could not be loaded"
      advice="Nothing was changed. Try again"
      error={error}
      reset={reset}
    />
  );
}
