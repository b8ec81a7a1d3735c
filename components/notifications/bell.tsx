// The header's bell: a link to /notifications with the unread count, capped at "99+" on the badge;
// the link's name carries the exact count for screen readers.
import Link from "next/link";
import { StrokeIcon } from "@/components/stroke-icon";
import { countUnread } from "@/lib/notifications/inbox";
import { unreadBadge, unreadLabel } from "./unread";

export async function NotificationBell({ userId }: { userId: string }) {
  const count = await countUnread(userId);
  const badge = unreadBadge(count);
  return (
    <Link
      href="/notifications"
      aria-label={unreadLabel(count)}
      title={unreadLabel(count)}
      className="relative grid size-9 place-items-center rounded-md text-slate-600 hover:bg-slate-100 hover:text-slate-900 focus-visible:outline-2 focus-visible:outline-brand-500 dark:text-slate-300 dark:hover:bg-slate-800 dark:hover:text-white"
    >
      <StrokeIcon className="size-5">
        <path d="M6 8a6 6 0 0 1 12 0c0 7 3 9 3 9H3s3-2 3-9" />
        <path d="M10.3 21a1.94 1.94 0 0 0 3.4 0" />
      </StrokeIcon>
      {badge ? (
        <span
          aria-hidden="true"
          data-testid="unread-badge"
          className="absolute -top-0.5 -right-0.5 min-w-4.5 rounded-full bg-red-600 px-1 text-center text-[0.6875rem] leading-4.5 font-semibold text-white tabular-nums ring-2 ring-white dark:ring-slate-950"
        >
          {badge}
        </span>
      ) : null}
    </Link>
  );
}
