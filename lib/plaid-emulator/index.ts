// The local Plaid emulator: Plaid's HTTP API (sandbox flavour) served by the app under
// /api/plaid-emulator when no Plaid keys are configured. See README "Plaid emulator".
import "server-only";

export type { EmulatorErrorCode } from "./error-catalog";
export { ERROR_CATALOG } from "./error-catalog";
export { buildPlaidError } from "./errors";
export { applyFaults, clearFaults, createFault, type Fault, type FaultInput, listFaults } from "./faults";
export { handleEmulatorRequest, normalizePath } from "./handler";
export { deliverWebhook, flushWebhooks, queueWebhook, signWebhookBody } from "./webhooks";
