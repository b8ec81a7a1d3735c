// The dashed panel a list shows when it has nothing: a large outline icon, a heading, a line of text,
// and what to do next (a button, a link).
import type { ReactNode } from "react";
import { StrokeIcon } from "./stroke-icon";

export function EmptyPanel({
  id,
  icon,
  heading,
  text,
  children,
}: {
  /** The heading's id, which labels the section. */
  id: string;
  /** Paths of a 24×24 outline drawing. */
  icon: ReactNode;
  heading: string;
  text: string | null;
  children: ReactNode;
}) {
  return (
    <section
      aria-labelledby={id}
      className="rounded-xl border border-dashed border-slate-300 px-6 py-12 text-center dark:border-slate-700"
    >
      <StrokeIcon strokeWidth="1.5" className="mx-auto size-10 text-slate-400 dark:text-slate-500">
        {icon}
      </StrokeIcon>
      <h2 id={id} className="mt-4 text-lg font-semibold">
        {heading}
      </h2>
      {text ? <p className="mx-auto mt-2 max-w-md text-sm text-slate-600 dark:text-slate-400">{text}</p> : null}
      {children}
    </section>
  );
}
