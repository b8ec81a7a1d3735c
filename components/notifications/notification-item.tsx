// One notification in the list: its kind, title and body, why it was sent, the account it is about
// (linked while the account is), when, and "Mark read" while it is unread.
import Link from "next/link";
import type { FormAction } from "@/components/form-action";
import { Badge } from "@/components/ui/badge";
import { LONG_NAME } from "@/components/ui/long-name";
import { STANDALONE_LINK } from "@/components/ui/text-link";
import type { Display } from "@/lib/format/display";
import type { InboxItem } from "@/lib/notifications/inbox";
import { KindIcon, kindLabel } from "./kind";
import { MarkReadButton } from "./mark-read-buttons";

function Subject({ item }: { item: InboxItem }) {
  if (item.account) {
    return (
      <Link
        href={`/accounts/${item.account.id}`}
        title={item.account.displayName}
        className={`${STANDALONE_LINK} ${LONG_NAME} max-w-full`}
      >
        {item.account.displayName}
        {item.account.mask ? (
          <span className="font-normal text-slate-500 dark:text-slate-400"> •••• {item.account.mask}</span>
        ) : null}
      </Link>
    );
  }
  if (item.connection) {
    return (
      <Link href="/accounts" className={STANDALONE_LINK}>
        {item.connection.institutionName}
      </Link>
    );
  }
  return null;
}

export function NotificationItem({
  item,
  display,
  markRead,
}: {
  item: InboxItem;
  display: Display;
  markRead: FormAction;
}) {
  const unread = item.readAt === null;
  const headingId = `notification-${item.id}`;
  return (
    <li
      aria-labelledby={headingId}
      data-unread={unread || undefined}
      className={`relative flex gap-3 px-4 py-4 sm:px-5 ${unread ? "bg-brand-50/60 dark:bg-brand-700/10" : ""}`}
    >
      {unread ? (
        <span aria-hidden="true" className="absolute inset-y-0 left-0 w-1 rounded-r bg-brand-600 dark:bg-brand-500" />
      ) : null}
      <KindIcon kind={item.kind} />
      <div className="min-w-0 flex-1 space-y-1">
        <p className="flex flex-wrap items-center gap-x-2 gap-y-0.5 text-xs text-slate-500 dark:text-slate-400">
          <span className="font-medium text-slate-700 dark:text-slate-300">{kindLabel(item.kind)}</span>
          <span aria-hidden="true">·</span>
          <time dateTime={item.createdAt.toISOString()} title={display.dateTime(item.createdAt)}>
            {display.relative(item.createdAt)}
          </time>
          <span aria-hidden="true" className="hidden sm:inline">
            ·
          </span>
          <span className="hidden sm:inline">{display.dateTime(item.createdAt)}</span>
          {unread ? <Badge tone="strong">Unread</Badge> : null}
        </p>
        <h2 id={headingId} className={`text-sm ${unread ? "font-semibold" : "font-medium"}`}>
          {item.title}
        </h2>
        <p className="text-sm text-slate-700 dark:text-slate-300">{item.body}</p>
        {item.reason ? (
          <p className="text-sm text-slate-600 dark:text-slate-400">
            <span className="font-medium">Why:</span> {item.reason}
          </p>
        ) : null}
        {item.account || item.connection || unread ? (
          <div className="flex flex-wrap items-center justify-between gap-x-4 gap-y-2 pt-1 text-sm">
            <Subject item={item} />
            {unread ? <MarkReadButton id={item.id} title={item.title} action={markRead} /> : null}
          </div>
        ) : null}
      </div>
    </li>
  );
}
