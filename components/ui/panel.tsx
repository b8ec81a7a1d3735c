// A bordered block of a settings page: a titled section (the title names it for screen readers) with a
// line saying what it is for, then its content.
import type { ReactNode } from "react";

export function Panel({
  id,
  title,
  description,
  children,
}: {
  /** Makes the heading's id, `${id}-heading`, which labels the section. */
  id: string;
  title: string;
  description: ReactNode;
  children: ReactNode;
}) {
  const headingId = `${id}-heading`;
  return (
    <section
      aria-labelledby={headingId}
      className="space-y-4 rounded-xl border border-slate-200 px-4 pt-4 pb-5 sm:px-6 dark:border-slate-800"
    >
      <div className="space-y-1">
        <h2 id={headingId} className="text-base font-semibold">
          {title}
        </h2>
        <p className="text-sm text-slate-600 dark:text-slate-400">{description}</p>
      </div>
      {children}
    </section>
  );
}
