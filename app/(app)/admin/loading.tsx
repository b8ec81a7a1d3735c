// Placeholder while the admin figures load: the shape of the cards and tables to come.
export default function Loading() {
  return (
    <div className="space-y-10" aria-busy="true" aria-live="polite">
      <div className="h-8 w-40 animate-pulse rounded bg-slate-200 dark:bg-slate-800" />
      <div className="grid grid-cols-2 gap-3 md:grid-cols-3 xl:grid-cols-6">
        {["users", "connections", "syncs", "failed", "duration", "paused"].map((card) => (
          <div key={card} className="h-24 animate-pulse rounded-xl bg-slate-100 dark:bg-slate-900" />
        ))}
      </div>
      <div className="h-72 animate-pulse rounded-xl bg-slate-100 dark:bg-slate-900" />
      <div className="h-72 animate-pulse rounded-xl bg-slate-100 dark:bg-slate-900" />
      <span className="sr-only">Loading the admin figures…</span>
    </div>
  );
}
