export default function Loading() {
  return (
    <div className="max-w-3xl space-y-6" aria-busy="true" aria-live="polite">
      <div className="h-4 w-24 animate-pulse rounded bg-slate-200 dark:bg-slate-800" />
      <div className="h-8 w-64 animate-pulse rounded bg-slate-200 dark:bg-slate-800" />
      <div className="h-56 animate-pulse rounded-xl bg-slate-100 dark:bg-slate-900" />
      <div className="h-72 animate-pulse rounded-xl bg-slate-100 dark:bg-slate-900" />
      <span className="sr-only">Loading account settings…</span>
    </div>
  );
}
