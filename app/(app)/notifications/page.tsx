// The inbox: the user's in-app notifications, newest first, with All / Unread and older pages in the
// URL; marking read one at a time or all at once; and the alerts waiting for a digest.
import type { Metadata } from "next";
import Link from "next/link";
import { Suspense } from "react";
import { DigestPanel } from "@/components/notifications/digest-panel";
import { FilterTabs } from "@/components/notifications/filter-tabs";
import { parseFilter } from "@/components/notifications/href";
import { MarkAllReadButton } from "@/components/notifications/mark-read-buttons";
import { NotificationList } from "@/components/notifications/notification-list";
import { TEXT_LINK } from "@/components/ui/text-link";
import { requireUser } from "@/lib/auth/session";
import { getDisplay } from "@/lib/format/display";
import { countUnread, listNotifications } from "@/lib/notifications/inbox";
import { markAllNotificationsReadAction, markNotificationReadAction } from "./actions";
import { sendDigestsNowAction } from "./digest-actions";

export const metadata: Metadata = { title: "Notifications" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);

export default async function NotificationsPage({ searchParams }: Props) {
  const [search, user] = await Promise.all([searchParams, requireUser()]);
  const filter = parseFilter(first(search.filter));
  const cursor = first(search.cursor) || null;
  const [page, unread, display] = await Promise.all([
    listNotifications({ userId: user.id, filter, cursor }),
    countUnread(user.id),
    getDisplay({ userId: user.id }),
  ]);
  return (
    <div className="space-y-6">
      <header className="flex flex-wrap items-start justify-between gap-3">
        <div className="space-y-1">
          <h1 className="text-2xl font-semibold tracking-tight">Notifications</h1>
          <p className="text-slate-600 dark:text-slate-400">
            Alerts about your accounts.{" "}
            <Link href="/settings#notification-channels" className={TEXT_LINK}>
              Choose where they reach you
            </Link>
            .
          </p>
        </div>
        <MarkAllReadButton unread={unread} action={markAllNotificationsReadAction} />
      </header>
      <div className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_20rem] lg:items-start">
        <div className="min-w-0 space-y-4">
          <FilterTabs current={filter} unread={unread} />
          <NotificationList
            page={page}
            filter={filter}
            paged={cursor !== null}
            display={display}
            markRead={markNotificationReadAction}
          />
        </div>
        <Suspense
          fallback={
            <div aria-busy="true" className="h-32 animate-pulse rounded-xl bg-slate-100 dark:bg-slate-900">
              <span className="sr-only">Loading your digests…</span>
            </div>
          }
        >
          <DigestPanel userId={user.id} display={display} sendNow={sendDigestsNowAction} />
        </Suspense>
      </div>
    </div>
  );
}
