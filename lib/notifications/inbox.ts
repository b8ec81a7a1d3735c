// The in-app inbox: the bell's unread count, the /notifications list a page at a time, and marking
// read. Only in-app notifications (in_app = true) are counted or listed, and only the owner's.
import "server-only";
import { getOwnedNotification } from "@/lib/auth/ownership";
import { db, Prisma } from "@/lib/db";
import { isUuid } from "@/lib/db/vocabulary";
import { isNotificationKind, type NotificationKind } from "./rules/registry";

export const INBOX_PAGE_SIZE = 20;
const MAX_PAGE_SIZE = 100;

export type InboxFilter = "all" | "unread";

export type InboxItem = {
  id: string;
  kind: NotificationKind;
  title: string;
  body: string;
  reason: string | null;
  createdAt: Date;
  readAt: Date | null;
  /** The account it is about, while that account is still linked; the alias where the user set one. */
  account: { id: string; displayName: string; mask: string | null } | null;
  /** The bank connection it is about (reconnect alerts), while it is still linked. */
  connection: { id: string; institutionName: string } | null;
};

export type InboxPage = {
  items: InboxItem[];
  /** The id to pass as `cursor` for the next (older) page; null on the last page. */
  nextCursor: string | null;
};

/** How many in-app notifications the user has not read (idx_notifications_user_unread answers it). */
export async function countUnread(userId: string): Promise<number> {
  return db.notification.count({ where: { userId, inApp: true, readAt: null } });
}

/**
 * The ids of one page, newest first. Keyset on (created_at, id) in SQL: created_at has microseconds,
 * which a JavaScript Date would round away, so the cursor is the last row's id and its exact
 * created_at is read back here rather than carried through the URL.
 */
async function pageIds({
  userId,
  filter,
  cursor,
  take,
}: {
  userId: string;
  filter: InboxFilter;
  cursor: string | null;
  take: number;
}): Promise<string[]> {
  const rows = await db.$queryRaw<{ id: string }[]>`
    SELECT n.id::text AS id FROM notifications n
    WHERE n.user_id = ${userId}::uuid AND n.in_app
      ${filter === "unread" ? Prisma.sql`AND n.read_at IS NULL` : Prisma.empty}
      ${
        cursor
          ? Prisma.sql`AND (n.created_at, n.id) < (
              SELECT c.created_at, c.id FROM notifications c WHERE c.id = ${cursor}::uuid AND c.user_id = ${userId}::uuid
            )`
          : Prisma.empty
      }
    ORDER BY n.created_at DESC, n.id DESC
    LIMIT ${take}`;
  return rows.map((row) => row.id);
}

function toKind(value: string): NotificationKind {
  // notifications.kind has a CHECK constraint over the same list; this only narrows the type.
  return isNotificationKind(value) ? value : "transaction";
}

/**
 * One page of the user's in-app notifications, newest first. A cursor that is malformed, or not one of
 * the user's notifications, gives an empty page rather than someone else's position.
 */
export async function listNotifications({
  userId,
  filter = "all",
  cursor = null,
  limit = INBOX_PAGE_SIZE,
}: {
  userId: string;
  filter?: InboxFilter;
  cursor?: string | null;
  limit?: number;
}): Promise<InboxPage> {
  if (cursor !== null && !isUuid(cursor)) return { items: [], nextCursor: null };
  const pageSize = Math.min(Math.max(Math.trunc(limit), 1), MAX_PAGE_SIZE);
  const ids = await pageIds({ userId, filter, cursor: cursor?.toLowerCase() ?? null, take: pageSize + 1 });
  const pageOfIds = ids.slice(0, pageSize);
  const rows = await db.notification.findMany({
    where: { id: { in: pageOfIds }, userId },
    include: {
      bankAccount: {
        select: {
          id: true,
          userId: true,
          name: true,
          mask: true,
          bankingPreferences: { where: { userId }, select: { accountAlias: true } },
        },
      },
      plaidConnection: { select: { id: true, userId: true, institutionName: true } },
    },
  });
  const byId = new Map(rows.map((row) => [row.id, row]));
  const items = pageOfIds.flatMap((id) => {
    const row = byId.get(id);
    if (!row) return [];
    // The foreign keys already tie both to this user; checking again costs nothing and keeps it so.
    const account = row.bankAccount?.userId === userId ? row.bankAccount : null;
    const connection = row.plaidConnection?.userId === userId ? row.plaidConnection : null;
    return [
      {
        id: row.id,
        kind: toKind(row.kind),
        title: row.title,
        body: row.body,
        reason: row.reason,
        createdAt: row.createdAt,
        readAt: row.readAt,
        account: account
          ? {
              id: account.id,
              displayName: account.bankingPreferences[0]?.accountAlias ?? account.name,
              mask: account.mask,
            }
          : null,
        connection: connection ? { id: connection.id, institutionName: connection.institutionName } : null,
      } satisfies InboxItem,
    ];
  });
  return { items, nextCursor: ids.length > pageSize ? (pageOfIds.at(-1) ?? null) : null };
}

/**
 * Marks one of the user's in-app notifications read; one already read keeps its first read time.
 * Another user's, or an unknown id, is "not found", so ids cannot be probed.
 */
export async function markRead({ userId, id }: { userId: string; id: string }): Promise<"marked" | "already_read"> {
  const notification = await getOwnedNotification({ userId, notificationId: id });
  const { count } = await db.notification.updateMany({
    where: { id: notification.id, userId, readAt: null },
    data: { readAt: new Date() },
  });
  return count === 1 ? "marked" : "already_read";
}

/** Marks every unread in-app notification of the user read; returns how many it marked. */
export async function markAllRead({ userId }: { userId: string }): Promise<number> {
  const { count } = await db.notification.updateMany({
    where: { userId, inApp: true, readAt: null },
    data: { readAt: new Date() },
  });
  return count;
}
