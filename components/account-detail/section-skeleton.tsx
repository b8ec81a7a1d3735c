// A placeholder of a section's size while it streams in, announced to screen readers by its label.

export function SectionSkeleton({ label }: { label: string }) {
  return (
    <div aria-busy="true" aria-live="polite" className="space-y-3">
      <div className="h-6 w-40 animate-pulse rounded bg-slate-200 dark:bg-slate-800" />
      <div className="h-64 animate-pulse rounded-xl bg-slate-100 dark:bg-slate-900" />
      <span className="sr-only">{label}</span>
    </div>
  );
}
