"use client";
import { ErrorState } from "@/components/error-state";

export default function SettingsError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <ErrorState
      title="Your settings could not be loaded"
      advice="Nothing was changed. Try again"
      error={error}
      reset={reset}
    />
  );
}
