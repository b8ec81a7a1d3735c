// Reading a Plaid request: the JSON body (INVALID_BODY), the API keys (INVALID_API_KEYS) and the
// endpoint's schema (MISSING_FIELDS naming every absent field, else INVALID_FIELD naming the first bad
// one). Error messages name fields, never their values.
import { timingSafeEqual } from "node:crypto";
import type { z } from "zod";
import { EmulatorError } from "./errors.ts";
import { readLimitedBody } from "./read-limited-body.ts";

export type JsonObject = Record<string, unknown>;

// Plaid's requests are a few kilobytes; a body past this is refused before it is buffered whole.
export const MAX_REQUEST_BODY_BYTES = 1024 * 1024;

/**
 * Plaid takes `application/json` and nothing else (a charset parameter, if any, must be UTF-8). A type
 * that merely mentions it (`text/plain; x=application/json`) is refused: that one a web page on any
 * origin may send without a CORS preflight, and the emulator must not be drivable from a browser tab.
 */
export function isJsonContentType(header: string | null): boolean {
  if (!header) return false;
  const [type = "", ...parameters] = header.split(";").map((part) => part.trim().toLowerCase());
  if (type !== "application/json") return false;
  return parameters.every((parameter) => parameter === "charset=utf-8" || parameter === 'charset="utf-8"');
}

export async function readJsonBody(request: Request, limit = MAX_REQUEST_BODY_BYTES): Promise<JsonObject> {
  if (!isJsonContentType(request.headers.get("content-type"))) {
    throw new EmulatorError("INVALID_BODY", { message: "the request's Content-Type must be application/json" });
  }
  const bytes = await readLimitedBody(request, limit);
  if (!bytes) throw new EmulatorError("INVALID_BODY", { message: `the request body is larger than ${limit} bytes` });
  let parsed: unknown;
  try {
    parsed = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(bytes));
  } catch {
    throw new EmulatorError("INVALID_BODY");
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) throw new EmulatorError("INVALID_BODY");
  return parsed as JsonObject;
}

/** The one client id and secret an emulator accepts, as a Plaid account has its own. */
export type ApiCredentials = { clientId: string; secret: string };

function sameText(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  // Compared in constant time, and a length difference costs as much as a wrong byte.
  return timingSafeEqual(a.length === b.length ? a : b, b) && a.length === b.length;
}

/**
 * The caller's client id, from the headers or the body as Plaid allows. With `credentials`, only that
 * pair passes (Plaid's INVALID_API_KEYS otherwise); without, any non-empty pair does (tests).
 */
export function readApiKeys(headers: Headers, body: JsonObject, credentials?: ApiCredentials): string {
  // An empty header counts as absent, so keys in the body still apply.
  const clientId = headers.get("plaid-client-id") || body.client_id;
  const secret = headers.get("plaid-secret") || body.secret;
  const present = (value: unknown): value is string => typeof value === "string" && value.trim() !== "";
  if (!present(clientId) || !present(secret)) throw new EmulatorError("INVALID_API_KEYS");
  if (credentials) {
    // Both compared, whichever is wrong, so the answer's timing tells nothing about either.
    const idMatches = sameText(clientId, credentials.clientId);
    const secretMatches = sameText(secret, credentials.secret);
    if (!idMatches || !secretMatches) throw new EmulatorError("INVALID_API_KEYS");
  }
  return clientId;
}

/** The body without the keys, so they are never validated, stored or echoed. */
export function withoutApiKeys(body: JsonObject): JsonObject {
  const { client_id: _clientId, secret: _secret, ...rest } = body;
  return rest;
}

function formatPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>((out, key) => {
    if (typeof key === "number") return `${out}[${key}]`;
    return out ? `${out}.${String(key)}` : String(key);
  }, "");
}

function valueAt(body: unknown, path: readonly PropertyKey[]): unknown {
  let value = body;
  for (const key of path) {
    if (typeof value !== "object" || value === null) return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}

export function validateBody<S extends z.ZodType>(schema: S, body: JsonObject): z.infer<S> {
  const result = schema.safeParse(body);
  if (result.success) return result.data;
  const missing = result.error.issues
    .filter((issue) => issue.code === "invalid_type" && valueAt(body, issue.path) == null)
    .map((issue) => formatPath(issue.path));
  if (missing.length > 0) {
    throw new EmulatorError("MISSING_FIELDS", {
      message: `the following required fields are missing: ${[...new Set(missing)].join(", ")}`,
    });
  }
  const [first] = result.error.issues;
  const field = first ? formatPath(first.path) : "";
  throw new EmulatorError("INVALID_FIELD", {
    message: field ? `${field} is invalid: ${first?.message}` : "the request body is invalid",
  });
}
