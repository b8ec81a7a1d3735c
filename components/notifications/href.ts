// The /notifications page keeps its filter and page in the URL, so each view can be linked and works
// without JavaScript. This builds those URLs; the defaults stay out of them.
import type { InboxFilter } from "@/lib/notifications/inbox";

export function notificationsHref({ filter, cursor }: { filter: InboxFilter; cursor?: string | null }): string {
  const params = new URLSearchParams();
  if (filter !== "all") params.set("filter", filter);
  if (cursor) params.set("cursor", cursor);
  const query = params.toString();
  return `/notifications${query ? `?${query}` : ""}`;
}

export function parseFilter(value: string | string[] | undefined): InboxFilter {
  return value === "unread" ? "unread" : "all";
}
