// Plaid's sandbox, as data: institutions, the nine accounts, two years of transactions and what a refresh
// changes. Pure and deterministic; the emulator (lib/plaid-emulator) stores and serves it.
import "server-only";

export { createSandboxAccounts } from "./accounts";
export { buildCustomTransaction, type CustomTransactionInput } from "./custom-transaction";
export { formatDay, parseDay, toDayNumber } from "./dates";
export { findSandboxInstitution, SANDBOX_INSTITUTIONS, searchSandboxInstitutions } from "./institutions";
export { createLedger, type Ledger } from "./ledger";
export { drawInstitutionLogo, LOGO_SIZE, type LogoPattern } from "./logos";
export { createRng, PLAID_ID_LENGTH, type Rng, roundMoney } from "./prng";
export { type GenerateRefreshChangesInput, generateRefreshChanges, type RefreshChanges } from "./refresh";
export { type AccountRole, findAccountRoles, generateTransactionHistory, HISTORY_DAYS } from "./transactions";
