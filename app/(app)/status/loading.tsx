export default function Loading() {
  return (
    <div className="max-w-2xl space-y-6" aria-busy="true" aria-live="polite">
      <div className="h-8 w-48 animate-pulse rounded bg-slate-200 dark:bg-slate-800" />
      <div className="h-36 animate-pulse rounded-xl bg-slate-100 dark:bg-slate-900" />
      <span className="sr-only">Loading system status…</span>
    </div>
  );
}
