// A balance chart's range switch (1M, 3M, 1Y, All): plain links, so it works without JavaScript and the
// range is in the URL; the current range is marked for assistive technology with aria-current.
import Link from "next/link";
import {
  HISTORY_RANGE_LABELS,
  HISTORY_RANGE_WORDS,
  HISTORY_RANGES,
  type HistoryRange,
} from "@/lib/accounts/balances/ranges";

export function RangeNav({
  current,
  hrefFor,
  label = "Balance history range",
}: {
  current: HistoryRange;
  hrefFor: (range: HistoryRange) => string;
  label?: string;
}) {
  return (
    <nav aria-label={label}>
      <ul className="flex flex-wrap gap-1 rounded-lg bg-slate-100 p-1 text-sm dark:bg-slate-900">
        {HISTORY_RANGES.map((range) => (
          <li key={range}>
            <Link
              href={hrefFor(range)}
              scroll={false}
              aria-current={range === current ? "true" : undefined}
              className="block rounded-md px-3 py-1 text-slate-600 hover:text-slate-900 focus-visible:outline-2 focus-visible:outline-brand-500 aria-[current]:bg-white aria-[current]:font-medium aria-[current]:text-slate-900 aria-[current]:shadow-sm dark:text-slate-400 dark:hover:text-white dark:aria-[current]:bg-slate-800 dark:aria-[current]:text-white"
            >
              {HISTORY_RANGE_LABELS[range]}
              <span className="sr-only"> ({HISTORY_RANGE_WORDS[range]})</span>
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
