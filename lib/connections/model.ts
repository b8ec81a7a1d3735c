// A Plaid connection's JSON shape, which never carries a token, and when it should next sync.
import "server-only";
import type { PlaidConnectionModel as PlaidConnection, Prisma } from "@/lib/db";
import type { SyncFrequency } from "@/lib/db/vocabulary";

export type SerializedConnection = {
  id: string;
  userId: string;
  itemId: string;
  institutionId: string;
  institutionName: string;
  institutionLogo: string | null;
  institutionPrimaryColor: string | null;
  institutionUrl: string | null;
  isActive: boolean;
  requiresReauth: boolean;
  lastError: string | null;
  lastErrorAt: string | null;
  errorCount: number;
  retryCount: number;
  maintenanceUntil: string | null;
  lastSyncAt: string | null;
  nextSyncAt: string | null;
  syncFrequency: string;
  settings: Prisma.JsonValue;
  createdAt: string;
  updatedAt: string;
};

const iso = (date: Date | null) => date?.toISOString() ?? null;

/**
 * An allowlist, not a copy minus secrets: access_token and link_token (credentials), the Plaid sync
 * cursor and metadata (internal, may hold Plaid payloads) never leave the server.
 */
export function serializeConnection(connection: PlaidConnection): SerializedConnection {
  return {
    id: connection.id,
    userId: connection.userId,
    itemId: connection.itemId,
    institutionId: connection.institutionId,
    institutionName: connection.institutionName,
    institutionLogo: connection.institutionLogo,
    institutionPrimaryColor: connection.institutionPrimaryColor,
    institutionUrl: connection.institutionUrl,
    isActive: connection.isActive,
    requiresReauth: connection.requiresReauth,
    lastError: connection.lastError,
    lastErrorAt: iso(connection.lastErrorAt),
    errorCount: connection.errorCount,
    retryCount: connection.retryCount,
    maintenanceUntil: iso(connection.maintenanceUntil),
    lastSyncAt: iso(connection.lastSyncAt),
    nextSyncAt: iso(connection.nextSyncAt),
    syncFrequency: connection.syncFrequency,
    settings: connection.settings,
    createdAt: connection.createdAt.toISOString(),
    updatedAt: connection.updatedAt.toISOString(),
  };
}

const HOUR_MS = 3600_000;

// Fixed lengths, not calendar days: every timestamp is UTC, so "daily" is always 24 hours.
const INTERVAL_MS: Record<SyncFrequency, number | null> = {
  hourly: HOUR_MS,
  daily: 24 * HOUR_MS,
  weekly: 7 * 24 * HOUR_MS,
  // Syncs on demand or by webhook: nothing to schedule.
  manual: null,
  real_time: null,
};

/** Keeps a scheduled time out of the institution's maintenance window. */
export function avoidMaintenance({ at, maintenanceUntil }: { at: Date; maintenanceUntil: Date | null }): Date {
  return maintenanceUntil && at < maintenanceUntil ? new Date(maintenanceUntil) : at;
}

/**
 * One interval after the last sync (now when never synced), or null for manual and real-time
 * connections. An overdue connection gets a time in the past: it is due immediately.
 */
export function calculateNextSync({
  syncFrequency,
  lastSyncAt,
  now = new Date(),
  maintenanceUntil = null,
}: {
  syncFrequency: SyncFrequency | (string & {});
  lastSyncAt: Date | null;
  now?: Date;
  maintenanceUntil?: Date | null;
}): Date | null {
  if (!Object.hasOwn(INTERVAL_MS, syncFrequency)) throw new Error(`Unknown sync frequency "${syncFrequency}"`);
  const interval = INTERVAL_MS[syncFrequency as SyncFrequency];
  if (interval === null) return null;
  const at = lastSyncAt ? new Date(lastSyncAt.getTime() + interval) : new Date(now);
  return avoidMaintenance({ at, maintenanceUntil });
}
