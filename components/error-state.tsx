"use client";
// What every error boundary shows: what failed, what to do, a reference for the logs and a retry.
// The reference is Next's digest of the logged error, so support can find it without showing internals.
import { Button } from "./ui/button";

export function ErrorState({
  title,
  advice = "Try again",
  error,
  reset,
}: {
  /** The heading, naming what could not be loaded. */
  title: string;
  /** The opening of the message, before "; if it keeps happening, quote reference …". */
  advice?: string;
  error: Error & { digest?: string };
  reset: () => void;
}) {
  return (
    <div role="alert" className="max-w-xl space-y-4">
      <h1 className="text-2xl font-semibold tracking-tight">{title}</h1>
      <p className="text-slate-600 dark:text-slate-400">
        {advice}; if it keeps happening, quote reference{" "}
        <code className="rounded bg-slate-100 px-1 dark:bg-slate-800">{error.digest ?? "unknown"}</code>.
      </p>
      <Button onClick={reset}>Try again</Button>
    </div>
  );
}

export type ErrorBoundaryProps = { error: Error & { digest?: string }; reset: () => void };

/** A route's error.tsx in one line: `export default errorBoundary("Your settings could not be loaded")`. */
export function errorBoundary(title: string, advice?: string) {
  return function RouteError({ error, reset }: ErrorBoundaryProps) {
    return <ErrorState title={title} advice={advice} error={error} reset={reset} />;
  };
}
