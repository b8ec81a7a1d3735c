// The minute sweep over Link exchanges that never became a connection: the web process died (or lost
// its database, or Plaid) between /item/public_token/exchange and storing the connection. Each such
// item is billed at Plaid, so none is left behind: the link is finished for the person, or, when the
// person is gone, the accounts are already linked, or it keeps failing for a day, removed at Plaid.
import "server-only";
import { db, type PendingLinkModel as PendingLink } from "@/lib/db";
import { log } from "@/lib/log";
import { isPlaidError } from "@/lib/plaid/client";
import { openAccessToken } from "@/lib/plaid/token-crypto";
import { DuplicateConnectionError, finishLink } from "./link";
import { discardPendingLink, type LinkSuccessMetadata, PendingLinkGoneError } from "./pending-link-store";

/** A link in flight is its request's for this long; only then does the sweep take it. */
export const PENDING_LINK_GRACE_MS = 2 * 60_000;
/** A link that has not been finished after a day of tries is removed at Plaid. */
export const PENDING_LINK_GIVE_UP_MS = 24 * 60 * 60_000;
const BATCH = 20;

export type PendingLinkReport = { finished: number; removed: number; failed: number };

export async function settlePendingLinks({
  now = new Date(),
  graceMs = PENDING_LINK_GRACE_MS,
}: {
  now?: Date;
  graceMs?: number;
} = {}): Promise<PendingLinkReport> {
  const report: PendingLinkReport = { finished: 0, removed: 0, failed: 0 };
  for (const row of await claimPendingLinks({ now, graceMs })) {
    const outcome = await settle(row, now);
    report[outcome] += 1;
  }
  return report;
}

/**
 * Rows quiet for the grace period, each stamped as attempted now, so another sweeper (a second worker)
 * leaves it alone for the next grace period.
 */
async function claimPendingLinks({ now, graceMs }: { now: Date; graceMs: number }): Promise<PendingLink[]> {
  const ids = await db.$queryRaw<{ id: string }[]>`
    UPDATE pending_links SET attempted_at = ${now}, attempts = attempts + 1
    WHERE id IN (
      SELECT id FROM pending_links WHERE attempted_at <= ${new Date(now.getTime() - graceMs)}
      ORDER BY attempted_at LIMIT ${BATCH} FOR UPDATE SKIP LOCKED)
    RETURNING id`;
  if (ids.length === 0) return [];
  return db.pendingLink.findMany({ where: { id: { in: ids.map((row) => row.id) } }, orderBy: { createdAt: "asc" } });
}

async function settle(row: PendingLink, now: Date): Promise<"finished" | "removed" | "failed"> {
  let accessToken: string;
  try {
    accessToken = openAccessToken({ ciphertext: row.accessToken, keyId: row.accessTokenKeyId });
  } catch (error) {
    // A retired key: neither finishing nor removing is possible until the key is back in TOKEN_KEYS.
    return recordFailure(row, `token: ${error instanceof Error ? error.message : "unreadable"}`);
  }
  const remove = async (reason: string) => {
    const removed = await discardPendingLink({ pendingLinkId: row.id, itemId: row.itemId, accessToken });
    if (!removed) return "failed" as const;
    log.info({ itemId: row.itemId, reason }, "pending link: item removed at Plaid");
    return "removed" as const;
  };
  if (!row.userId) return remove("the person was deleted");
  if ((row.metadata as { abandoned?: unknown }).abandoned === true) return remove("the link failed and was abandoned");
  if (now.getTime() - row.createdAt.getTime() > PENDING_LINK_GIVE_UP_MS) return remove("not finished within a day");

  try {
    const linked = await finishLink({
      pendingLinkId: row.id,
      userId: row.userId,
      accessToken,
      itemId: row.itemId,
      metadata: toMetadata(row.metadata),
    });
    log.info({ itemId: row.itemId, connectionId: linked.connectionId }, "pending link: finished as a connection");
    return "finished";
  } catch (error) {
    if (error instanceof PendingLinkGoneError) return "finished";
    // The person linked these accounts again meanwhile (Link's retry): this second item is surplus.
    if (error instanceof DuplicateConnectionError) return remove("its accounts are linked already");
    return recordFailure(row, isPlaidError(error) ? error.plaid.error_code : (error as Error).name);
  }
}

async function recordFailure(row: PendingLink, reason: string): Promise<"failed"> {
  log.error({ itemId: row.itemId, reason }, "pending link not settled; the sweep tries again");
  await db.pendingLink.updateMany({ where: { id: row.id }, data: { lastError: reason.slice(0, 500) } });
  return "failed";
}

function toMetadata(stored: unknown): LinkSuccessMetadata {
  const value = (stored ?? {}) as Partial<LinkSuccessMetadata>;
  return {
    institution: value.institution ?? null,
    accounts: Array.isArray(value.accounts) ? value.accounts : [],
    link_session_id: value.link_session_id ?? undefined,
  };
}
