// The list on /notifications: one page of notifications, newest first, with a link to the older ones,
// or what to do when there are none.
import Link from "next/link";
import { EmptyPanel } from "@/components/empty-panel";
import type { FormAction } from "@/components/form-action";
import { buttonClass } from "@/components/ui/button";
import { STANDALONE_LINK } from "@/components/ui/text-link";
import type { Display } from "@/lib/format/display";
import type { InboxFilter, InboxPage } from "@/lib/notifications/inbox";
import { notificationsHref } from "./href";
import { NotificationItem } from "./notification-item";

const PAGE_LINK = buttonClass({ variant: "secondary", size: "sm" });

function Empty({ filter, paged }: { filter: InboxFilter; paged: boolean }) {
  const [heading, text] = paged
    ? ["No older notifications", null]
    : filter === "unread"
      ? ["You're all caught up", "Nothing is unread."]
      : ["No notifications yet", "Alerts about your balances, transactions and bank connections show up here."];
  return (
    <EmptyPanel
      id="notifications-empty-heading"
      icon={
        <>
          <path d="M6 8a6 6 0 0 1 12 0c0 7 3 9 3 9H3s3-2 3-9" />
          <path d="M10.3 21a1.94 1.94 0 0 0 3.4 0" />
        </>
      }
      heading={heading}
      text={text}
    >
      <p className="mt-4 text-sm">
        {paged ? (
          <Link href={notificationsHref({ filter })} className={STANDALONE_LINK}>
            Back to the newest
          </Link>
        ) : filter === "unread" ? (
          <Link href={notificationsHref({ filter: "all" })} className={STANDALONE_LINK}>
            Show all notifications
          </Link>
        ) : (
          <Link href="/settings" className={STANDALONE_LINK}>
            Choose your alerts in Settings
          </Link>
        )}
      </p>
    </EmptyPanel>
  );
}

export function NotificationList({
  page,
  filter,
  paged,
  display,
  markRead,
}: {
  page: InboxPage;
  filter: InboxFilter;
  /** This is a later page (the URL has a cursor). */
  paged: boolean;
  display: Display;
  /** "Mark read" on one notification. */
  markRead: FormAction;
}) {
  if (page.items.length === 0) return <Empty filter={filter} paged={paged} />;
  return (
    <div className="space-y-4">
      <ul
        aria-label="Notifications"
        className="divide-y divide-slate-200 overflow-hidden rounded-xl border border-slate-200 dark:divide-slate-800 dark:border-slate-800"
      >
        {page.items.map((item) => (
          <NotificationItem key={item.id} item={item} display={display} markRead={markRead} />
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
