// Previous / next links for one of the admin tables, as plain links that keep every other parameter.
import Link from "next/link";

const LINK =
  "rounded-md border border-slate-300 px-3 py-1.5 hover:bg-slate-50 focus-visible:outline-2 focus-visible:outline-brand-500 dark:border-slate-700 dark:hover:bg-slate-900";

export function Pagination({
  label,
  page,
  pageCount,
  href,
}: {
  label: string;
  page: number;
  pageCount: number;
  href: (page: number) => string;
}) {
  if (pageCount <= 1 && page <= 1) return null;
  return (
    <nav aria-label={label} className="flex items-center justify-end gap-3 text-sm">
      {page > 1 ? (
        <Link href={href(Math.min(page - 1, pageCount))} scroll={false} className={LINK}>
          Previous
        </Link>
      ) : null}
      <span className="text-slate-600 dark:text-slate-400">
        Page {page} of {pageCount}
      </span>
      {page < pageCount ? (
        <Link href={href(page + 1)} scroll={false} className={LINK}>
          Next
        </Link>
      ) : null}
    </nav>
  );
}
