// The top of a page under another (Settings → Security, Admin → Audit log): a link up to the parent,
// the page's heading, and a line saying what it is for.
import Link from "next/link";
import type { ReactNode } from "react";
import { STANDALONE_LINK } from "./text-link";

export function SubPageHeader({
  parent,
  title,
  children,
}: {
  parent: { href: string; label: string };
  title: string;
  /** What the page is for. */
  children: ReactNode;
}) {
  return (
    <header className="space-y-1">
      <p className="text-sm">
        <Link href={parent.href} className={STANDALONE_LINK}>
          {parent.label}
        </Link>
      </p>
      <h1 className="text-2xl font-semibold tracking-tight">{title}</h1>
      <p className="text-slate-600 dark:text-slate-400">{children}</p>
    </header>
  );
}
