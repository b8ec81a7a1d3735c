// Manual accounts and statement import, as pages and actions use them.
import "server-only";

export {
  createManualAccount,
  deleteManualAccount,
  editManualAccount,
  getManualOpening,
  recordManualBalance,
} from "./accounts";
export { manualKindChoices, todayIso } from "./choices";
export { MANUAL_INSTITUTION_NAME, MANUAL_KINDS } from "./kinds";
export {
  createManualAccountSchema,
  editManualAccountSchema,
  manualAccountIdSchema,
  manualBalanceSchema,
  NAME_MAX,
} from "./schema";
export { type CsvMapping, csvMappingSchema } from "./statement/csv";
export {
  type ImportSummary,
  type Inspection,
  importStatement,
  inspectStatement,
  MAX_STATEMENT_BYTES,
  readStatementFile,
} from "./statement/import";
