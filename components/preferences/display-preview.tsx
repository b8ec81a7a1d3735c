// How the saved display preferences look, on the server's own formatting path: the same `Display`
// every page uses, so what this shows is what the account pages will show.
import type { Display } from "@/lib/format/display";

// Half past three on 31 January 2026: the example the date format list uses.
const SAMPLE = new Date(2026, 0, 31, 15, 45);

export function DisplayPreview({ display }: { display: Display }) {
  const rows = [
    ["Amount", display.money("1234.56")],
    ["Date", display.date(SAMPLE)],
    ["Time", display.time(SAMPLE)],
  ];
  return (
    <section
      aria-labelledby="display-preview-heading"
      className="space-y-3 rounded-xl border border-slate-200 p-4 dark:border-slate-800"
    >
      <h2 id="display-preview-heading" className="text-base font-semibold">
        Preview
      </h2>
      <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm">
        {rows.map(([term, value]) => (
          <div key={term} className="contents">
            <dt className="text-slate-600 dark:text-slate-400">{term}</dt>
            <dd className="font-medium tabular-nums">{value}</dd>
          </div>
        ))}
      </dl>
      <p className="text-xs text-slate-500 dark:text-slate-400">
        Your saved display settings, as every page uses them.
      </p>
    </section>
  );
}
