// The list on /notifications: one page of notifications, newest first, with a link to the older ones,
// or what to do when there are none.
import Link from "next/link";
import type { Display } from "@/lib/format/display";
import type { InboxFilter, InboxPage } from "@/lib/notifications/inbox";
import { notificationsHref } from "./href";
import { NotificationItem } from "./notification-item";

const PAGE_LINK =
  "rounded-lg border border-slate-300 px-3 py-1.5 text-sm font-medium hover:bg-slate-50 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-500 dark:border-slate-700 dark:hover:bg-slate-900";
const TEXT_LINK =
  "font-medium text-brand-700 underline underline-offset-2 focus-visible:outline-2 focus-visible:outline-brand-500 dark:text-brand-100";

function Empty({ filter, paged }: { filter: InboxFilter; paged: boolean }) {
  const [heading, text] = paged
    ? ["No older notifications", null]
    : filter === "unread"
      ? ["You're all caught up", "Nothing is unread."]
      : ["No notifications yet", "Alerts about your balances, transactions and bank connections show up here."];
  return (
    <section
      aria-labelledby="notifications-empty-heading"
      className="rounded-xl border border-dashed border-slate-300 px-6 py-12 text-center dark:border-slate-700"
    >
      <svg
        aria-hidden="true"
        viewBox="0 0 24 24"
        fill="none"
        stroke="currentColor"
        strokeWidth="1.5"
        strokeLinecap="round"
        strokeLinejoin="round"
        className="mx-auto size-10 text-slate-400 dark:text-slate-500"
      >
        <path d="M6 8a6 6 0 0 1 12 0c0 7 3 9 3 9H3s3-2 3-9" />
        <path d="M10.3 21a1.94 1.94 0 0 0 3.4 0" />
      </svg>
      <h2 id="notifications-empty-heading" className="mt-4 text-lg font-semibold">
        {heading}
      </h2>
      {text ? <p className="mx-auto mt-2 max-w-md text-sm text-slate-600 dark:text-slate-400">{text}</p> : null}
      <p className="mt-4 text-sm">
        {paged ? (
          <Link href={notificationsHref({ filter })} className={TEXT_LINK}>
            Back to the newest
          </Link>
        ) : filter === "unread" ? (
          <Link href={notificationsHref({ filter: "all" })} className={TEXT_LINK}>
            Show all notifications
          </Link>
        ) : (
          <Link href="/settings" className={TEXT_LINK}>
            Choose your alerts in Settings
          </Link>
        )}
      </p>
    </section>
  );
}

export function NotificationList({
  page,
  filter,
  paged,
  display,
}: {
  page: InboxPage;
  filter: InboxFilter;
  /** This is a later page (the URL has a cursor). */
  paged: boolean;
  display: Display;
}) {
  if (page.items.length === 0) return <Empty filter={filter} paged={paged} />;
  return (
    <div className="space-y-4">
      <ul
        aria-label="Notifications"
        className="divide-y divide-slate-200 overflow-hidden rounded-xl border border-slate-200 dark:divide-slate-800 dark:border-slate-800"
      >
        {page.items.map((item) => (
          <NotificationItem key={item.id} item={item} display={display} />
        ))}
      </ul>
      {paged || page.nextCursor ? (
        <nav aria-label="Notification pages" className="flex items-center justify-between gap-2">
          {paged ? (
            <Link href={notificationsHref({ filter })} className={PAGE_LINK}>
              <span aria-hidden="true">←</span> Newest
            </Link>
          ) : (
            <span />
          )}
          {page.nextCursor ? (
            <Link href={notificationsHref({ filter, cursor: page.nextCursor })} className={PAGE_LINK}>
              Older <span aria-hidden="true">→</span>
            </Link>
          ) : null}
        </nav>
      ) : null}
    </div>
  );
}
