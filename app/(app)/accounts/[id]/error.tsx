"use client";
import { ErrorState } from "@/components/error-state";

export default function AccountError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return <ErrorState title="This account could not be loaded" error={error} reset={reset} />;
}
