// Writing the audit log (docs/security.md, Audit log). Where the request came from is read from the
// request itself when there is one (a page, an action, a route handler); programs and workers have
// none. A failure to write is logged and never fails what it records: the sign-in or the change has
// already happened by then.
import "server-only";
import { headers } from "next/headers";
import { db, type Prisma } from "@/lib/db";
import type { AuditAction } from "@/lib/db/vocabulary";
import { log } from "@/lib/log";
import { clientAddress } from "@/lib/security/client-address";

export type AuditOrigin = { address: string | null; userAgent: string | null };

const NO_ORIGIN: AuditOrigin = { address: null, userAgent: null };

async function requestOrigin(): Promise<AuditOrigin> {
  try {
    const requestHeaders = await headers();
    return {
      address: clientAddress(requestHeaders),
      userAgent: requestHeaders.get("user-agent")?.slice(0, 512) ?? null,
    };
  } catch {
    // Outside a request: a program, a worker or a test.
    return NO_ORIGIN;
  }
}

export async function recordAudit({
  action,
  userId,
  actorId = null,
  detail = {},
  origin,
  now = new Date(),
}: {
  action: AuditAction;
  /** The account the event is about. */
  userId: string | null;
  /** Who did it, when that is not the account's owner (an admin). */
  actorId?: string | null;
  detail?: Prisma.InputJsonObject;
  origin?: AuditOrigin;
  now?: Date;
}): Promise<void> {
  try {
    const from = origin ?? (await requestOrigin());
    await db.auditEvent.create({
      data: { action, userId, actorId, detail, ipAddress: from.address, userAgent: from.userAgent, createdAt: now },
    });
  } catch (error) {
    log.error({ err: error, action, userId }, "audit event not recorded");
  }
}

/**
 * A wrong password: recorded on the account the email names, if one does; for an unknown email, without
 * it (people type passwords into the email field). Bounded by sign-in throttling, whose refusals are
 * not recorded.
 */
export async function recordSignInFailure({
  email,
  reason,
  origin,
}: {
  email: string;
  reason: "wrong_password";
  origin?: AuditOrigin;
}): Promise<void> {
  const user = await db.user.findUnique({ where: { email }, select: { id: true } }).catch(() => null);
  await recordAudit({ action: "sign_in_failed", userId: user?.id ?? null, detail: { reason }, origin });
}
