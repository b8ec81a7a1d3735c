// Reading the audit log: a person's own events (Settings → Security) and everyone's for admins
// (/admin/audit), newest first, a page at a time (keyset on created_at, id).
import "server-only";
import { db, type Prisma } from "@/lib/db";
import type { AuditAction } from "@/lib/db/vocabulary";

export const AUDIT_PAGE_SIZE = 50;

export type AuditEntry = {
  id: string;
  action: AuditAction;
  createdAt: Date;
  ipAddress: string | null;
  userAgent: string | null;
  detail: Record<string, unknown>;
  /** The account's address now (null when the event names no account). */
  userEmail: string | null;
  /** Who did it, when someone else did (an admin), by address; null also when they are gone. */
  actorEmail: string | null;
};

/** Where the next page starts: the last entry shown. */
export type AuditCursor = { createdAt: Date; id: string };

const SELECT = {
  id: true,
  action: true,
  createdAt: true,
  ipAddress: true,
  userAgent: true,
  detail: true,
  user: { select: { email: true } },
  actor: { select: { email: true } },
} as const;

function toEntry(row: Prisma.AuditEventGetPayload<{ select: typeof SELECT }>): AuditEntry {
  return {
    id: row.id,
    action: row.action as AuditAction,
    createdAt: row.createdAt,
    ipAddress: row.ipAddress,
    userAgent: row.userAgent,
    detail: row.detail !== null && typeof row.detail === "object" && !Array.isArray(row.detail) ? row.detail : {},
    userEmail: row.user?.email ?? null,
    actorEmail: row.actor?.email ?? null,
  };
}

function after(cursor: AuditCursor | undefined): Prisma.AuditEventWhereInput {
  if (!cursor) return {};
  return {
    OR: [{ createdAt: { lt: cursor.createdAt } }, { createdAt: cursor.createdAt, id: { lt: cursor.id } }],
  };
}

async function page(where: Prisma.AuditEventWhereInput, cursor: AuditCursor | undefined, limit: number) {
  const rows = await db.auditEvent.findMany({
    where: { AND: [where, after(cursor)] },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: limit + 1,
    select: SELECT,
  });
  const entries = rows.slice(0, limit).map(toEntry);
  const last = entries.at(-1);
  return { entries, next: rows.length > limit && last ? { createdAt: last.createdAt, id: last.id } : null };
}

/** The person's own events. */
export function listOwnAuditEvents({
  userId,
  cursor,
  limit = AUDIT_PAGE_SIZE,
}: {
  userId: string;
  cursor?: AuditCursor;
  limit?: number;
}): Promise<{ entries: AuditEntry[]; next: AuditCursor | null }> {
  return page({ userId }, cursor, limit);
}

/** Everyone's events, for admins: by action, and by the account's address (a part of it will do). */
export function listAuditEvents({
  action,
  email,
  cursor,
  limit = AUDIT_PAGE_SIZE,
}: {
  action?: AuditAction;
  email?: string;
  cursor?: AuditCursor;
  limit?: number;
}): Promise<{ entries: AuditEntry[]; next: AuditCursor | null }> {
  return page(
    {
      ...(action ? { action } : {}),
      ...(email ? { user: { email: { contains: email, mode: "insensitive" } } } : {}),
    },
    cursor,
    limit,
  );
}
