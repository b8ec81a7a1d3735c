// Plaid's sandbox, as data: institutions, the nine accounts, two years of transactions and what a refresh
// changes. Pure and deterministic; the rest of the emulator stores and serves it.

export { createSandboxAccounts } from "./accounts.ts";
export { buildCustomTransaction, type CustomTransactionInput } from "./custom-transaction.ts";
export { formatDay, parseDay, toDayNumber } from "./dates.ts";
export {
  findSandboxInstitution,
  institutionCurrency,
  SANDBOX_INSTITUTIONS,
  searchSandboxInstitutions,
  servesCountry,
} from "./institutions.ts";
export { createLedger, type Ledger } from "./ledger.ts";
export { buildLiabilities, type LiabilityInput, type LiabilityKind, liabilityKindOf } from "./liabilities.ts";
export { drawInstitutionLogo, LOGO_SIZE, type LogoPattern } from "./logos.ts";
export { createRng, PLAID_ID_LENGTH, type Rng, roundMoney } from "./prng.ts";
export { type GenerateRefreshChangesInput, generateRefreshChanges, type RefreshChanges } from "./refresh.ts";
export { type AccountRole, findAccountRoles, generateTransactionHistory, HISTORY_DAYS } from "./transactions.ts";
