"use client";
// The admin page failed to load its figures: say so, offer a retry and a reference for the logs.

export default function AdminError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <div role="alert" className="max-w-xl space-y-4">
      <h1 className="text-2xl font-semibold tracking-tight">The admin figures could not be loaded</h1>
      <p className="text-slate-600 dark:text-slate-400">
        Try again; if it keeps happening, quote reference{" "}
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
