// "Sync now" on an account's page, for the connection the account belongs to. Nothing when the bank
// needs reconnecting (the accounts page offers Reconnect) or is no longer linked.
import type { SyncNowAction } from "@/components/connections/actions";
import { getOwnedConnection } from "@/lib/auth/ownership";
import { getLatestSyncForConnection } from "@/lib/sync";
import { SyncNowButton } from "./sync-now-button";
import { isSyncRunning } from "./sync-status";

export async function AccountSyncNow({
  userId,
  connectionId,
  action,
}: {
  userId: string;
  connectionId: string;
  action: SyncNowAction;
}) {
  const [connection, latest] = await Promise.all([
    getOwnedConnection({ userId, connectionId }),
    getLatestSyncForConnection({ userId, connectionId }),
  ]);
  if (!connection.isActive || connection.requiresReauth) return null;
  return (
    <SyncNowButton
      connectionId={connection.id}
      institutionName={connection.institutionName}
      syncing={latest !== null && isSyncRunning(latest.status)}
      action={action}
      size="sm"
    />
  );
}
