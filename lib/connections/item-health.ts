// Item health: after each link and once a day per connection, what Plaid says about the item
// (/item/get: consent expiry, the bank's last successful update, the item's error) and its bank
// (/institutions/get_by_id include_status), stored on the connection for the pages to show. An item
// error means what its webhook means: ITEM_LOGIN_REQUIRED stops scheduling until the person repairs it.
import "server-only";
import { db, type Prisma } from "@/lib/db";
import { lockConnection } from "@/lib/db/locks";
import { log } from "@/lib/log";
import { isPlaidError } from "@/lib/plaid/client";
import { getConnectionAccessToken } from "@/lib/plaid/connection-token";
import { getInstitutionStatus, getItemHealth, type ItemHealth } from "@/lib/plaid/item-health";

/** How often each connection is checked. */
export const HEALTH_CHECK_INTERVAL_MS = 24 * 60 * 60 * 1000;
/** Connections one sweep hands out at most; the rest wait for the next minute. */
const SWEEP_BATCH = 50;

export type HealthCheckResult = "checked" | "item_failed" | "inactive" | "demo";

/**
 * Active connections never checked, or checked longer ago than the interval; oldest first. Demo
 * connections (metadata.demo, from the seed) hold no item at Plaid and are never checked.
 */
export async function findDueHealthChecks({
  now = new Date(),
  limit = SWEEP_BATCH,
}: {
  now?: Date;
  limit?: number;
} = {}): Promise<{ connectionId: string }[]> {
  const checkedBefore = new Date(now.getTime() - HEALTH_CHECK_INTERVAL_MS);
  const due = await db.$queryRaw<{ id: string }[]>`
    SELECT id FROM plaid_connections
    WHERE is_active AND NOT (metadata @> '{"demo": true}'::jsonb)
      AND (health_checked_at IS NULL OR health_checked_at < ${checkedBefore})
    ORDER BY health_checked_at ASC NULLS FIRST, id
    LIMIT ${limit}`;
  return due.map((row) => ({ connectionId: row.id }));
}

/**
 * Checks one connection now. The check is stamped first, so a failing item waits for the next day
 * rather than being asked again each minute; a Plaid failure of one call keeps what the other found.
 */
export async function checkItemHealth({
  connectionId,
  now = new Date(),
}: {
  connectionId: string;
  now?: Date;
}): Promise<HealthCheckResult> {
  const connection = await db.plaidConnection.findUnique({
    where: { id: connectionId },
    select: { id: true, isActive: true, institutionId: true, metadata: true },
  });
  if (!connection?.isActive) return "inactive";
  if (isDemo(connection.metadata)) return "demo";
  await db.plaidConnection.update({ where: { id: connectionId }, data: { healthCheckedAt: now } });

  const item = await tryPlaid(async () =>
    getItemHealth({ accessToken: await getConnectionAccessToken({ connectionId }), connectionId }),
  );
  const institution = await tryPlaid(() =>
    getInstitutionStatus({ institutionId: connection.institutionId, connectionId }),
  );

  await db.$transaction(async (tx) => {
    await lockConnection(tx, connectionId);
    const current = await tx.plaidConnection.findUnique({
      where: { id: connectionId },
      select: { isActive: true, lastError: true, requiresReauth: true, syncFrequency: true },
    });
    if (!current?.isActive) return;
    const data: Prisma.PlaidConnectionUpdateInput = {
      ...(item.ok ? itemChanges(item.value, current, now) : {}),
      ...(institution.ok ? { institutionStatus: institution.value, institutionStatusCheckedAt: now } : {}),
    };
    await tx.plaidConnection.update({ where: { id: connectionId }, data });
  });
  return item.ok ? "checked" : "item_failed";
}

type Current = { lastError: string | null; requiresReauth: boolean; syncFrequency: string };

/** What /item/get changes on the connection: the webhooks' meaning for its error. */
export function itemChanges(item: ItemHealth, current: Current, now: Date): Prisma.PlaidConnectionUpdateInput {
  const facts = {
    consentExpiresAt: item.consentExpiresAt,
    webhookUrl: item.webhookUrl,
    // Plaid may not say (a new item); an earlier answer stays true until a newer one.
    ...(item.lastSuccessfulUpdate ? { bankLastUpdatedAt: item.lastSuccessfulUpdate } : {}),
  };
  if (item.errorCode === "ITEM_LOGIN_REQUIRED") {
    if (current.lastError === "ITEM_LOGIN_REQUIRED" && current.requiresReauth) return facts;
    return { ...facts, requiresReauth: true, lastError: item.errorCode, lastErrorAt: now, nextSyncAt: null };
  }
  if (item.errorCode) {
    return current.lastError === item.errorCode ? facts : { ...facts, lastError: item.errorCode, lastErrorAt: now };
  }
  // No error at Plaid: a login the webhooks said needed repair has been repaired (LOGIN_REPAIRED).
  if (current.lastError === "ITEM_LOGIN_REQUIRED") {
    return {
      ...facts,
      requiresReauth: false,
      lastError: null,
      ...(current.syncFrequency === "manual" ? {} : { nextSyncAt: now }),
    };
  }
  return facts;
}

type Attempt<T> = { ok: true; value: T } | { ok: false };

async function tryPlaid<T>(call: () => Promise<T>): Promise<Attempt<T>> {
  try {
    return { ok: true, value: await call() };
  } catch (error) {
    if (!isPlaidError(error)) throw error;
    // Recorded in plaid_api_calls by callPlaid; the code alone is enough here.
    log.warn({ errorCode: error.plaid.error_code }, "item-health: Plaid answered with an error");
    return { ok: false };
  }
}

export function isDemo(metadata: Prisma.JsonValue): boolean {
  return typeof metadata === "object" && metadata !== null && !Array.isArray(metadata) && metadata.demo === true;
}
