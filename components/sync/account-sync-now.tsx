// "Sync now" on an account's page, for the connection the account belongs to. Nothing when the bank
// needs reconnecting (the accounts page offers Reconnect) or is no longer linked.
import { findOwnedConnection, getLatestSyncForConnection } from "@/lib/sync/progress";
import { SyncNowButton } from "./sync-now-button";
import { isSyncRunning } from "./sync-status";

const BUTTON =
  "rounded-lg border border-slate-300 px-3 py-1.5 text-sm font-medium hover:bg-slate-50 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-500 disabled:opacity-60 dark:border-slate-700 dark:hover:bg-slate-900";

export async function AccountSyncNow({ userId, connectionId }: { userId: string; connectionId: string }) {
  const [connection, latest] = await Promise.all([
    findOwnedConnection({ userId, connectionId }),
    getLatestSyncForConnection({ userId, connectionId }),
  ]);
  if (!connection.isActive || connection.requiresReauth) return null;
  return (
    <SyncNowButton
      connectionId={connection.id}
      institutionName={connection.institutionName}
      syncing={latest !== null && isSyncRunning(latest.status)}
      className={BUTTON}
    />
  );
}
