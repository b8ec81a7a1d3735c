// The admin filters as SQL over a connection (alias pc) and its owner (alias u): institution and user
// text match anywhere, case-insensitively; status picks connections by their health flags.
import "server-only";
import { Prisma } from "@/lib/db";
import type { AdminQuery, StatusFilter } from "./params";

/** Literal text search: strpos instead of LIKE, so % and _ in what was typed match themselves. */
function contains(column: Prisma.Sql, text: string): Prisma.Sql {
  return Prisma.sql`strpos(lower(${column}), lower(${text})) > 0`;
}

export function statusCondition(status: StatusFilter, now: Date): Prisma.Sql {
  switch (status) {
    case "attention":
      return Prisma.sql`(pc.requires_reauth OR pc.error_count > 0)`;
    case "reauth":
      return Prisma.sql`pc.requires_reauth`;
    case "failing":
      return Prisma.sql`pc.error_count > 0`;
    case "paused":
      return Prisma.sql`pc.paused_at IS NOT NULL`;
    case "maintenance":
      return Prisma.sql`pc.maintenance_until > ${now}`;
    case "healthy":
      return Prisma.sql`(pc.is_active AND NOT pc.requires_reauth AND pc.error_count = 0 AND pc.paused_at IS NULL
        AND (pc.maintenance_until IS NULL OR pc.maintenance_until <= ${now}))`;
    default:
      return Prisma.sql`TRUE`;
  }
}

/** A WHERE condition over pc (plaid_connections) and u (users). */
export function connectionFilter(query: Pick<AdminQuery, "institution" | "status" | "user">, now: Date): Prisma.Sql {
  const conditions = [statusCondition(query.status, now)];
  if (query.institution) conditions.push(contains(Prisma.sql`pc.institution_name`, query.institution));
  if (query.user) conditions.push(contains(Prisma.sql`u.email`, query.user));
  return Prisma.join(conditions, " AND ");
}
