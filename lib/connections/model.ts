// A Plaid connection's JSON shape, which never carries a token.
import "server-only";
import type { PlaidConnectionModel as PlaidConnection, Prisma } from "@/lib/db";

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
