// What a failed run records and what happens next, by what it failed with. Plaid's error_code is kept
// as the run's error_code; the message is Plaid's display_message or a sentence of ours, both safe to
// show a person (never Plaid's request, never a token). Pure.
import "server-only";
import { ACCESS_REVOKED_CODES } from "@/lib/accounts";
import { isDatabaseUnavailable } from "@/lib/db/availability";
import { isAppError } from "@/lib/errors";
import { isPlaidError } from "@/lib/plaid/client";
import { LeaseLostError, SyncAbortedError, SyncRunLostError, SyncSupersededError } from "./sync-run";

export type FailureKind =
  /** ITEM_LOGIN_REQUIRED: requires_reauth, nothing scheduled until the person reconnects. */
  | "reauth"
  /** The person withdrew access (USER_PERMISSION_REVOKED, ACCESS_NOT_GRANTED): like reauth, no retry. */
  | "revoked"
  /** The item is gone or unusable at Plaid: no automatic retry. */
  | "item_gone"
  /** 429: retry at Plaid's Retry-After, else after the backoff. */
  | "rate_limited"
  /** The bank, Plaid or the network: retry after the backoff. */
  | "transient"
  /** Mingus itself (a bug, the database): retry after the backoff. */
  | "internal"
  /** The worker stopped or lost its lease: not the connection's fault; retry at once, on any worker. */
  | "aborted"
  /** Another run of the connection moved its cursor, or this run was reaped: that one carries on. */
  | "superseded";

/** A run that failed because the database could not be reached; it is retried at once. */
export const DATABASE_UNAVAILABLE = "DATABASE_UNAVAILABLE";
export const DATABASE_UNAVAILABLE_MESSAGE =
  "Mingus lost its database connection during this sync. Mingus will try again shortly.";

export type SyncFailure = {
  kind: FailureKind;
  /** Plaid's error_code, or INTERNAL, LEASE_LOST, WORKER_STOPPED, SYNC_SUPERSEDED, RUN_LOST, DATABASE_UNAVAILABLE. */
  errorCode: string;
  errorMessage: string;
  /** From Plaid's Retry-After header. */
  retryAfterSeconds: number | null;
  /** For the run's context: enough to find the call in Plaid's logs. */
  plaid: { error_type: string; request_id: string | null; status: number | null } | null;
};

// Codes no retry can fix without the person or an operator.
const ITEM_GONE = new Set([
  "ITEM_NOT_FOUND",
  "INVALID_ACCESS_TOKEN",
  "ACCESS_NOT_GRANTED",
  "NO_ACCOUNTS",
  "ITEM_NOT_SUPPORTED",
  "INSTITUTION_NO_LONGER_SUPPORTED",
]);

const MESSAGES: Record<FailureKind, string> = {
  reauth: "Your bank needs you to sign in again. Reconnect this bank to resume syncing.",
  revoked: "Access to this bank was revoked. Reconnect it to resume syncing, or remove it.",
  item_gone: "This bank connection no longer works. Unlink it and link the bank again.",
  rate_limited: "Too many requests for this bank's data right now. Mingus will try again shortly.",
  transient: "Your bank could not be reached. Mingus will try again shortly.",
  internal: "The sync failed because of an internal error. Mingus will try again shortly.",
  aborted: "The sync was interrupted. Mingus will try again shortly.",
  superseded: "Another sync of this connection took over.",
};

// Retried failures whose cause is not "the bank could not be reached": the message names what happened,
// so a person (and an admin reading the run) is not sent to look at the wrong party.
const CODE_MESSAGES: Record<string, string> = {
  TRANSACTIONS_SYNC_MUTATION_DURING_PAGINATION:
    "Your bank's data kept changing while Mingus read it. Mingus will try again shortly.",
  // Plaid's own trouble, not the bank's.
  INTERNAL_SERVER_ERROR:
    "Plaid, the service Mingus reaches your bank through, had an error. Mingus will try again shortly.",
  PLANNED_MAINTENANCE:
    "Plaid, the service Mingus reaches your bank through, is down for maintenance. Mingus will try again shortly.",
  // No answer at all: the network between Mingus and Plaid.
  NETWORK_ERROR:
    "Mingus could not reach Plaid, the service it reaches your bank through. Mingus will try again shortly.",
  UNEXPECTED_RESPONSE:
    "Plaid, the service Mingus reaches your bank through, answered unexpectedly. Mingus will try again shortly.",
  // Plaid limits how often Mingus asks; the bank itself is not involved.
  TRANSACTIONS_SYNC_LIMIT:
    "Plaid is limiting how often Mingus may ask for this bank's transactions. Mingus will try again shortly.",
  RATE_LIMIT: "Plaid is limiting how often Mingus may ask for this bank's data. Mingus will try again shortly.",
  // The bank is the one refusing: what the default messages say.
};

function failure(kind: FailureKind, errorCode: string, extra: Partial<SyncFailure> = {}): SyncFailure {
  return { kind, errorCode, errorMessage: MESSAGES[kind], retryAfterSeconds: null, plaid: null, ...extra };
}

export function classifySyncError(error: unknown): SyncFailure {
  if (isPlaidError(error)) {
    const { error_code, error_type, status, request_id, display_message, retryAfterSeconds } = error.plaid;
    const kind: FailureKind =
      error_code === "ITEM_LOGIN_REQUIRED"
        ? "reauth"
        : ACCESS_REVOKED_CODES.has(error_code)
          ? "revoked"
          : ITEM_GONE.has(error_code)
            ? "item_gone"
            : status === 429 || error_type === "RATE_LIMIT_EXCEEDED"
              ? "rate_limited"
              : "transient";
    return failure(kind, error_code, {
      errorMessage: display_message ?? CODE_MESSAGES[error_code] ?? MESSAGES[kind],
      retryAfterSeconds: kind === "rate_limited" ? retryAfterSeconds : null,
      plaid: { error_type, request_id, status },
    });
  }
  if (error instanceof SyncSupersededError) return failure("superseded", "SYNC_SUPERSEDED");
  // Mingus's own database went away (a restart, a failover): not the bank's doing, run again at once.
  if (isDatabaseUnavailable(error)) {
    return failure("aborted", DATABASE_UNAVAILABLE, { errorMessage: DATABASE_UNAVAILABLE_MESSAGE });
  }
  if (error instanceof SyncRunLostError) return failure("superseded", "RUN_LOST");
  if (error instanceof SyncAbortedError) return failure("aborted", "WORKER_STOPPED");
  if (error instanceof LeaseLostError) return failure("aborted", "LEASE_LOST");
  // AppError messages are written to be shown; anything else may hold internals and stays in the log.
  if (isAppError(error)) return failure("internal", "INTERNAL", { errorMessage: error.message });
  return failure("internal", "INTERNAL");
}

/** Whether the failure counts against the connection (error_count, last_error, backoff). */
export function isConnectionFailure(kind: FailureKind): boolean {
  return kind !== "superseded" && kind !== "aborted";
}

/** Whether the engine leaves a retry request behind for this failure. */
export function shouldRetry(kind: FailureKind): boolean {
  return kind === "rate_limited" || kind === "transient" || kind === "internal" || kind === "aborted";
}
