// The sync capability's public face: what other capabilities, pages and the worker composition may
// use. Everything else under lib/sync is its own business (the dependency rules hold that).
import "server-only";

export { BALANCE_REFRESH_INTERVAL_MS, executeSync } from "./engine";
export { getSyncHistory, SYNC_HISTORY_LIMIT, type SyncHistoryEntry } from "./history";
export { getLatestSyncForConnection, RUNNING_SYNC_STATUSES, type SyncProgress } from "./progress";
export { failQuietRuns, reapLostSyncs, requestAgain, WORKER_LOST } from "./queue/reaper";
export { DEFAULT_LEASE_MS, type ExecuteSync, handleSyncJob } from "./queue/run-sync-job";
export { findRunnablePendingSyncs, requestDueSyncs } from "./queue/scheduler";
export { requestAndEnqueueSync, requestSync, type SyncRequestResult, type SyncTrigger } from "./request-sync";
export { calculateNextSync } from "./schedule";
export { requestLoginSyncs, syncOnSignIn } from "./sign-in";
export { type SyncNowOutcome, type SyncNowResult, startManualSync } from "./sync-now";
