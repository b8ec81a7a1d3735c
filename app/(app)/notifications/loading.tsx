// The inbox's shape while it loads: the heading, the filter and a few notification rows.
export default function Loading() {
  return (
    <div className="space-y-6" aria-busy="true" aria-live="polite">
      <h1 className="text-2xl font-semibold tracking-tight">Notifications</h1>
      <div className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_20rem]">
        <div className="space-y-4">
          <div className="h-9 w-48 animate-pulse rounded-lg bg-slate-100 dark:bg-slate-900" />
          {["first", "second", "third"].map((key) => (
            <div key={key} className="h-24 animate-pulse rounded-xl bg-slate-100 dark:bg-slate-900" />
          ))}
        </div>
        <div className="h-32 animate-pulse rounded-xl bg-slate-100 dark:bg-slate-900" />
      </div>
      <span className="sr-only">Loading your notifications…</span>
    </div>
  );
}
