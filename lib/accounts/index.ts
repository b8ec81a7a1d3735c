// The accounts capability's public face for other capabilities: Plaid's accounts as rows, and the one
// way a balance changes. Pages and components read the rest (lists, details, history, exports) directly.
import "server-only";

export { type HistoryRebuild, rebuildBalanceHistory, rebuildConnectionHistory } from "./balances/rebuild";
export {
  ACCESS_REVOKED_CODES,
  ACCESS_WARNING_MS,
  accessEndingSoon,
  accessEndsAt,
  accessRevokedBy,
} from "./connection-access";
export { type LinkedAccountRows, toAppAccountType, toLinkedAccountRows } from "./from-plaid";
export {
  type LiabilitiesRefresh,
  type LiabilityFigures,
  refreshLiabilities,
  toLiabilityFigures,
} from "./liabilities";
export { type AccountChanges, reconcileAccounts } from "./reconcile";
export { type BalanceUpdate, updateBalance, updateBalances } from "./update-balance";
