export default function Loading() {
  return (
    <div className="space-y-8" aria-busy="true" aria-live="polite">
      <div className="h-8 w-40 animate-pulse rounded bg-slate-200 dark:bg-slate-800" />
      <div className="grid gap-8 lg:grid-cols-[minmax(0,1fr)_20rem]">
        <div className="space-y-6">
          <div className="h-64 animate-pulse rounded-xl bg-slate-100 dark:bg-slate-900" />
          <div className="h-48 animate-pulse rounded-xl bg-slate-100 dark:bg-slate-900" />
        </div>
        <div className="h-40 animate-pulse rounded-xl bg-slate-100 dark:bg-slate-900" />
      </div>
      <span className="sr-only">Loading your settings…</span>
    </div>
  );
}
