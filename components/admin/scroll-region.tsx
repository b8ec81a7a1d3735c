// A wide table's frame: scrolls sideways on narrow screens and, being focusable, scrolls by keyboard too.
export function ScrollRegion({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <section
      aria-label={label}
      // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region must take focus to scroll by keyboard.
      tabIndex={0}
      className="overflow-x-auto rounded-xl border border-slate-200 focus-visible:outline-2 focus-visible:outline-brand-500 dark:border-slate-800"
    >
      {children}
    </section>
  );
}
