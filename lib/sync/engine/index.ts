// The sync engine: what one run of a connection does (transactions, balances, the run's record).
// The queue (lib/sync/queue) claims runs and calls executeSync; benchmarks and tests use the pieces.

export { type AccountMap, ensureAccounts, loadAccountMap } from "./accounts";
export { addCounts, applyTransactionsPage, type PageResult, type PaginationState } from "./apply-page";
export {
  classifySyncError,
  type FailureKind,
  isConnectionFailure,
  type SyncFailure,
  shouldRetry,
} from "./classify-error";
export { type ExecuteSyncInput, executeSync } from "./execute-sync";
export type { SyncOutcome } from "./finish-run";
export { BALANCE_REFRESH_INTERVAL_MS, type BalanceRefresh, refreshBalances } from "./refresh-balances";
export {
  createSyncRun,
  LeaseLostError,
  type RunProgress,
  SyncAbortedError,
  type SyncRun,
  SyncRunLostError,
  SyncSupersededError,
} from "./sync-run";
export { MAX_PAGE_SIZE, MAX_PAGINATION_RESTARTS, syncTransactions } from "./sync-transactions";
export { type TransactionRow, toColumnArrays, toTransactionRow, toTransactionRows } from "./transaction-rows";
