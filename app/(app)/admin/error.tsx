"use client";
// The admin page failed to load its figures: say so, offer a retry and a reference for the logs.
import { ErrorState } from "@/components/error-state";

export default function AdminError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return <ErrorState title="The admin figures could not be loaded" error={error} reset={reset} />;
}
