// HTTP calls from the push and SMS senders to their providers: one timeout for the whole exchange, and
// the provider's answer mapped to a DeliveryError the same way for both (429 and 5xx are worth retrying,
// other 4xx are not).
import "server-only";
import { DeliveryError } from "./types";

// A provider asking for more than a day is treated as a day: the delivery worker's own backoff caps it.
const MAX_RETRY_AFTER_MS = 24 * 60 * 60 * 1000;

/** A Retry-After header (seconds or an HTTP date) in milliseconds from `now`, or null when absent or unreadable. */
export function parseRetryAfter(value: string | null | undefined, now: number = Date.now()): number | null {
  const trimmed = value?.trim();
  if (!trimmed) return null;
  // An HTTP date names its day and month; without letters Date.parse would read "-5" as a year.
  const milliseconds = /^\d+$/.test(trimmed)
    ? Number(trimmed) * 1000
    : /[a-z]/i.test(trimmed)
      ? Date.parse(trimmed) - now
      : Number.NaN;
  if (!Number.isFinite(milliseconds)) return null;
  return Math.min(Math.max(0, milliseconds), MAX_RETRY_AFTER_MS);
}

/** True for the statuses that say "not now" rather than "never". */
export function isRetryableStatus(status: number): boolean {
  return status === 408 || status === 425 || status === 429 || status >= 500;
}

/** The DeliveryError for a provider's non-2xx answer. `message` must already be safe to show. */
export function statusError({
  status,
  retryAfter,
  message,
}: {
  status: number;
  retryAfter: string | null | undefined;
  message: string;
}): DeliveryError {
  if (isRetryableStatus(status)) {
    return new DeliveryError("retry", message, { retryAfterMs: parseRetryAfter(retryAfter) });
  }
  return new DeliveryError("rejected", message);
}

/** The DeliveryError for a request that got no answer: always worth retrying. */
function networkError({
  service,
  error,
  timeoutMs,
}: {
  service: string;
  error: unknown;
  timeoutMs: number;
}): DeliveryError {
  if (isTimeout(error)) {
    return new DeliveryError("retry", `${service} didn't answer within ${timeoutMs / 1000} s`);
  }
  return new DeliveryError("retry", `Couldn't reach ${service} (${errorCode(error)})`);
}

// fetch reports a failed connection or a cut-off body as a TypeError ("fetch failed", "terminated") and
// its timeout as a TimeoutError; anything else is a bug here, not the network, and is not retried.
function isNetworkFailure(error: unknown): boolean {
  return error instanceof TypeError || isTimeout(error);
}

function isTimeout(error: unknown): boolean {
  return error instanceof Error && (error.name === "TimeoutError" || error.name === "AbortError");
}

// fetch wraps the socket error ("fetch failed", cause ECONNREFUSED); the code is what helps, never the URL.
function errorCode(error: unknown): string {
  const cause = error instanceof Error ? (error.cause as { code?: unknown } | undefined) : undefined;
  if (typeof cause?.code === "string") return cause.code;
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === "string" ? code : "network error";
}

export type ProviderResponse = { status: number; headers: Headers; body: string };

// Provider answers are small; reading no more keeps a misbehaving endpoint from filling memory.
const MAX_BODY_BYTES = 16_384;

/** POSTs and reads the answer within `timeoutMs`; no answer at all becomes a "retry" DeliveryError. */
export async function postToProvider({
  service,
  url,
  headers,
  body,
  timeoutMs,
}: {
  service: string;
  url: string;
  headers: Record<string, string>;
  body: BodyInit;
  timeoutMs: number;
}): Promise<ProviderResponse> {
  try {
    const response = await fetch(url, {
      method: "POST",
      headers,
      body,
      redirect: "manual",
      signal: AbortSignal.timeout(timeoutMs),
    });
    const text = await readStart(response, MAX_BODY_BYTES);
    return { status: response.status, headers: response.headers, body: text };
  } catch (error) {
    if (isNetworkFailure(error)) throw networkError({ service, error, timeoutMs });
    throw error;
  }
}

/** The body as text, read no further than the chunk that passes `limit` bytes. */
async function readStart(response: Response, limit: number): Promise<string> {
  if (!response.body) return "";
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  let text = "";
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    text += decoder.decode(value, { stream: true });
    if (size >= limit) {
      await reader.cancel();
      break;
    }
  }
  return text + decoder.decode();
}
