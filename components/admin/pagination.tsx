// Previous / next links for one of the admin tables, as plain links that keep every other parameter.
import Link from "next/link";
import { buttonClass } from "@/components/ui/button";
import { type AdminQuery, adminHref } from "@/lib/admin/params";

const LINK = buttonClass({ variant: "secondary", size: "sm" });

export function Pagination({
  label,
  query,
  pageKey,
  pageCount,
}: {
  label: string;
  query: AdminQuery;
  /** Which of the address's page numbers this table's is. */
  pageKey: "page" | "healthPage";
  pageCount: number;
}) {
  const page = query[pageKey];
  const href = (to: number) => adminHref(query, { [pageKey]: to });
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
