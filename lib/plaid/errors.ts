// Plaid's failures as the app's one error type. Built from the parts of an axios error that are safe to
// keep (status, Plaid's error object, Retry-After) and nothing else: axios errors carry the request
// (config.data holds the access_token), so they are never rethrown, wrapped or attached as a cause.
import "server-only";
import type { PlaidError as PlaidErrorBody } from "plaid";
import { AppError } from "@/lib/errors";

export type PlaidErrorDetails = {
  /** Plaid's error_type; "API_ERROR" for the synthetic codes below. */
  error_type: string;
  /**
   * Plaid's error_code, or one of ours when Plaid's answer never arrived or was not Plaid's:
   * NETWORK_ERROR (no response: refused, reset, timed out) and UNEXPECTED_RESPONSE (an HTTP error
   * without a Plaid error object, e.g. a proxy's 502 page).
   */
  error_code: string;
  error_message: string;
  /** Plaid's message meant for people, when it has one. */
  display_message: string | null;
  request_id: string | null;
  /** HTTP status, null without a response. */
  status: number | null;
  /** From a Retry-After header (429s), in seconds. */
  retryAfterSeconds: number | null;
};

export class PlaidError extends AppError {
  readonly plaid: PlaidErrorDetails;

  constructor(details: PlaidErrorDetails) {
    super(
      details.error_code === "ITEM_LOGIN_REQUIRED" ? "plaid:item_login_required" : "plaid:error",
      details.display_message ?? `The bank connection service returned an error (${details.error_code}).`,
      { cause: { error_type: details.error_type, error_code: details.error_code, request_id: details.request_id } },
    );
    this.name = "PlaidError";
    this.plaid = details;
  }
}

/**
 * True for a PlaidError; with `code`, only when it matches Plaid's error_code ("ITEM_NOT_FOUND") or,
 * for a code starting with "plaid:", the app's code ("plaid:item_login_required").
 */
export function isPlaidError(error: unknown, code?: string): error is PlaidError {
  if (!(error instanceof PlaidError)) return false;
  if (code === undefined) return true;
  return code.startsWith("plaid:") ? error.code === code : error.plaid.error_code === code;
}

/** The shape of an axios error this module reads; typed here so nothing depends on axios directly. */
type AxiosLikeError = {
  isAxiosError: true;
  code?: string;
  response?: { status: number; data?: unknown; headers?: Record<string, unknown> };
};

export function isAxiosLikeError(error: unknown): error is AxiosLikeError {
  return typeof error === "object" && error !== null && (error as { isAxiosError?: unknown }).isAxiosError === true;
}

/** Builds a PlaidError from an axios error without keeping any reference to it. */
export function plaidErrorFromAxios(error: AxiosLikeError, now = Date.now()): PlaidError {
  const response = error.response;
  if (!response) {
    const timedOut = error.code === "ECONNABORTED" || error.code === "ETIMEDOUT";
    return new PlaidError({
      error_type: "API_ERROR",
      error_code: "NETWORK_ERROR",
      error_message: timedOut ? "the request to Plaid timed out" : `could not reach Plaid (${safeCode(error.code)})`,
      display_message: null,
      request_id: null,
      status: null,
      retryAfterSeconds: null,
    });
  }
  const retryAfterSeconds = parseRetryAfter(response.headers?.["retry-after"], now);
  const body = asPlaidErrorBody(response.data);
  if (!body) {
    return new PlaidError({
      error_type: "API_ERROR",
      error_code: "UNEXPECTED_RESPONSE",
      error_message: `HTTP ${response.status} without a Plaid error object`,
      display_message: null,
      request_id: null,
      status: response.status,
      retryAfterSeconds,
    });
  }
  return new PlaidError({
    error_type: String(body.error_type),
    error_code: body.error_code,
    error_message: typeof body.error_message === "string" ? body.error_message : "",
    display_message: typeof body.display_message === "string" && body.display_message ? body.display_message : null,
    request_id: typeof body.request_id === "string" ? body.request_id : null,
    status: response.status,
    retryAfterSeconds,
  });
}

function asPlaidErrorBody(data: unknown): PlaidErrorBody | undefined {
  if (typeof data !== "object" || data === null) return undefined;
  const body = data as Partial<PlaidErrorBody>;
  return typeof body.error_code === "string" && typeof body.error_type === "string"
    ? (body as PlaidErrorBody)
    : undefined;
}

/** Retry-After is delta-seconds or an HTTP date; anything else is ignored. */
export function parseRetryAfter(value: unknown, now = Date.now()): number | null {
  if (typeof value !== "string" && typeof value !== "number") return null;
  const text = String(value).trim();
  if (/^\d+$/.test(text)) return Number(text);
  const at = Date.parse(text);
  return Number.isNaN(at) ? null : Math.max(0, Math.ceil((at - now) / 1000));
}

// Node's error codes are short constants (ECONNRESET); anything else is not echoed.
function safeCode(code: string | undefined): string {
  return code && /^[A-Z_]{2,40}$/.test(code) ? code : "connection failed";
}
