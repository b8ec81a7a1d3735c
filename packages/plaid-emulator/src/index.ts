// @mingus/plaid-emulator: Plaid's HTTP API (sandbox flavour) offline, over PostgreSQL or PGlite. A host
// builds a store on its database, creates the emulator, and serves `handle` (a WHATWG fetch handler)
// wherever it likes, or runs it on node:http. See the package README.

export { createPlaidEmulator, type PlaidEmulator, type PlaidEmulatorOptions } from "./emulator.ts";
export { type EmulatorErrorCode, ERROR_CATALOG } from "./error-catalog.ts";
export { buildPlaidError, type UnexpectedErrorLog } from "./errors.ts";
export type { Fault, FaultInput } from "./faults.ts";
export { toNodeListener } from "./node-http.ts";
export { EmulatorMigrationError, MIGRATION_LOCK_KEYS, migrateEmulatorStore } from "./store/migrate.ts";
export { createPgStore, type PgStoreOptions } from "./store/pg-store.ts";
export { createPgliteStore, type PgliteLike, type PgliteStoreOptions } from "./store/pglite-store.ts";
export type { EmulatorStore, Sql, SqlParams, SqlTransaction } from "./store/store.ts";
export type { Defer } from "./webhooks.ts";
