// Newer / older links over the keyset-paged transactions. Links rather than buttons: each page has a URL
// of its own and works without JavaScript.
import Link from "next/link";
import { buttonClass } from "@/components/ui/button";

const LINK = buttonClass({ variant: "secondary", size: "sm" });
// The end of the list: the same shape with a dashed edge, and not a link. Hidden from screen readers,
// for whom a missing link says the same; still 4.5:1, since it is text a sighted person reads.
const DISABLED =
  "inline-flex min-h-8 items-center gap-1.5 rounded-lg border border-dashed border-slate-300 px-3 py-1.5 text-sm font-medium text-slate-500 dark:border-slate-700 dark:text-slate-400";

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
