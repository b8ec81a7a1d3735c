// All / Unread: plain links, so the filter is in the URL; the current one is marked with aria-current.
import Link from "next/link";
import type { InboxFilter } from "@/lib/notifications/inbox";
import { notificationsHref } from "./href";

export function FilterTabs({ current, unread }: { current: InboxFilter; unread: number }) {
  const tabs: { filter: InboxFilter; label: string }[] = [
    { filter: "all", label: "All" },
    { filter: "unread", label: `Unread (${unread})` },
  ];
  return (
    <nav aria-label="Show notifications">
      <ul className="flex gap-1 rounded-lg bg-slate-100 p-1 text-sm dark:bg-slate-900">
        {tabs.map((tab) => (
          <li key={tab.filter}>
            <Link
              href={notificationsHref({ filter: tab.filter })}
              aria-current={tab.filter === current ? "page" : undefined}
              className="block rounded-md px-3 py-1 text-slate-600 hover:text-slate-900 focus-visible:outline-2 focus-visible:outline-brand-500 aria-[current]:bg-white aria-[current]:font-medium aria-[current]:text-slate-900 aria-[current]:shadow-sm dark:text-slate-400 dark:hover:text-white dark:aria-[current]:bg-slate-800 dark:aria-[current]:text-white"
            >
              {tab.label}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
