// One panel of the admin page: the heading that names it, a line on what it shows, then its tables
// or charts. Controls that change the whole panel (the chart range) sit beside the heading.
import type { ReactNode } from "react";

export function AdminSection({
  headingId,
  title,
  description,
  controls,
  children,
}: {
  /** The heading's id, which names the section. */
  headingId: string;
  title: string;
  description: ReactNode;
  controls?: ReactNode;
  children: ReactNode;
}) {
  const heading = (
    <div>
      <h2 id={headingId} className="text-lg font-semibold">
        {title}
      </h2>
      <p className="text-sm text-slate-600 dark:text-slate-400">{description}</p>
    </div>
  );
  return (
    <section aria-labelledby={headingId} className="space-y-3">
      {controls ? (
        <div className="flex flex-wrap items-end justify-between gap-3">
          {heading}
          {controls}
        </div>
      ) : (
        heading
      )}
      {children}
    </section>
  );
}
