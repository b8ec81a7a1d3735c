// Newer / older links over the keyset-paged transactions. Links rather than buttons: each page has a URL
// of its own and works without JavaScript.
import Link from "next/link";

const LINK =
  "rounded-lg border border-slate-300 px-3 py-1.5 text-sm font-medium hover:bg-slate-50 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-500 dark:border-slate-700 dark:hover:bg-slate-900";
const DISABLED =
  "rounded-lg border border-slate-200 px-3 py-1.5 text-sm font-medium text-slate-400 dark:border-slate-800 dark:text-slate-600";

export function Pager({ newerHref, olderHref }: { newerHref: string | null; olderHref: string | null }) {
  if (!newerHref && !olderHref) return null;
  return (
    <nav aria-label="Transaction pages" className="flex items-center justify-between gap-2">
      {newerHref ? (
        <Link href={newerHref} scroll={false} className={LINK}>
          <span aria-hidden="true">←</span> Newer transactions
        </Link>
      ) : (
        <span aria-hidden="true" className={DISABLED}>
          <span aria-hidden="true">←</span> Newer transactions
        </span>
      )}
      {olderHref ? (
        <Link href={olderHref} scroll={false} className={LINK}>
          Older transactions <span aria-hidden="true">→</span>
        </Link>
      ) : (
        <span aria-hidden="true" className={DISABLED}>
          Older transactions <span aria-hidden="true">→</span>
        </span>
      )}
    </nav>
  );
}
