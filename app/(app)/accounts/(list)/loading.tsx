// The dashboard's shape while its accounts load: totals cards and two bank cards.
export default function Loading() {
  return (
    <div className="space-y-6" aria-busy="true" aria-live="polite">
      <h1 className="text-2xl font-semibold tracking-tight">Accounts</h1>
      <div className="grid gap-3 sm:grid-cols-3">
        {["net-worth", "assets", "liabilities"].map((key) => (
          <div key={key} className="h-24 animate-pulse rounded-xl bg-slate-100 dark:bg-slate-900" />
        ))}
      </div>
      {["first", "second"].map((key) => (
        <div key={key} className="h-56 animate-pulse rounded-xl bg-slate-100 dark:bg-slate-900" />
      ))}
      <span className="sr-only">Loading your accounts…</span>
    </div>
  );
}
