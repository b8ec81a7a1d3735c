// When a connection syncs next: its frequency after the last sync, kept out of the institution's
// maintenance window. The connection's update_sync_status and the scheduler both decide with it.
import type { SyncFrequency } from "@/lib/db/vocabulary";

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
