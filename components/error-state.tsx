"use client";
// What every error boundary shows: what failed, what to do, a reference for the logs and a retry.
// The reference is Next's digest of the logged error, so support can find it without showing internals.

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
      <button
        type="button"
        onClick={reset}
        className="rounded-lg bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-500"
      >
        Try again
      </button>
    </div>
  );
}
