// Plaid's error object and the responses that carry it. An EmulatorError thrown anywhere in a request
// becomes Plaid's JSON error with Plaid's HTTP status; messages never contain request values, so an
// access token sent by the caller is never echoed back.
import type { PlaidError } from "plaid";
import { documentationUrl, type EmulatorErrorCode, ERROR_CATALOG } from "./error-catalog.ts";

export class EmulatorError extends Error {
  constructor(
    readonly code: EmulatorErrorCode,
    readonly detail?: { message?: string; retryAfterSeconds?: number | null; allow?: string },
  ) {
    super(detail?.message ?? ERROR_CATALOG[code].message);
    this.name = "EmulatorError";
  }
}

/** Every key Plaid sends in an error, in Plaid's order; `message` overrides the catalog's wording. */
export function buildPlaidError({
  code,
  requestId,
  message,
}: {
  code: EmulatorErrorCode;
  requestId: string;
  message?: string;
}): PlaidError & { status: number } {
  const entry = ERROR_CATALOG[code];
  return {
    error_type: entry.type,
    error_code: code,
    error_code_reason: null,
    error_message: message ?? entry.message,
    display_message: entry.display,
    request_id: requestId,
    causes: [],
    status: entry.status,
    documentation_url: documentationUrl(code),
    suggested_action: null,
  };
}

const NO_STORE = { "Cache-Control": "no-store" };

export function jsonResponse(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return Response.json(body, { status, headers: { ...NO_STORE, ...headers } });
}

/** Where an error that is not Plaid's goes (the caller only sees INTERNAL_SERVER_ERROR). */
export type UnexpectedErrorLog = (message: string, error: unknown) => void;

export const logToConsole: UnexpectedErrorLog = (message, error) => {
  console.error(`[plaid-emulator] ${message}`, error instanceof Error ? error.stack : error);
};

/** Plaid's answer for any failure; anything that is not an EmulatorError is Plaid's INTERNAL_SERVER_ERROR. */
export function errorResponse(
  error: unknown,
  requestId: string,
  logError: UnexpectedErrorLog = logToConsole,
): Response {
  if (!(error instanceof EmulatorError)) {
    // The cause stays in the server log; the caller sees only Plaid's generic 500.
    logError("unexpected error", error);
    return errorResponse(new EmulatorError("INTERNAL_SERVER_ERROR"), requestId);
  }
  const body = buildPlaidError({ code: error.code, requestId, message: error.detail?.message });
  const headers: Record<string, string> = {};
  if (error.detail?.retryAfterSeconds != null) headers["Retry-After"] = String(error.detail.retryAfterSeconds);
  if (error.detail?.allow) headers.Allow = error.detail.allow;
  return jsonResponse(body, body.status, headers);
}
