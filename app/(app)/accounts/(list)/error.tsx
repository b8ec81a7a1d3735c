"use client";
// Shown when the dashboard cannot load (the database is down, say); the reference lets support find
// the logged error without showing its internals here.
import { ErrorState } from "@/components/error-state";

export default function AccountsError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <ErrorState title="Your accounts could not be loaded" advice="Try again in a moment" error={error} reset={reset} />
  );
}
