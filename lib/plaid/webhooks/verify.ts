// Plaid webhook verification, as Plaid documents it: the Plaid-Verification header is an ES256 JWT
// whose kid names a key from /webhook_verification_key/get, whose iat is at most five minutes old,
// and whose request_body_sha256 is the SHA-256 of the exact bytes received. Nothing is parsed or
// trusted until all of that holds.
import "server-only";
import { createHash, timingSafeEqual } from "node:crypto";
import { decodeProtectedHeader, importJWK, type JWTPayload, jwtVerify } from "jose";
import type { WebhookKey } from "./key-cache";

export const MAX_WEBHOOK_AGE_SECONDS = 5 * 60;
// Plaid's clock and ours may disagree a little; a token from further ahead than this is not Plaid's.
export const MAX_WEBHOOK_CLOCK_SKEW_SECONDS = 60;

export type WebhookRejection =
  | "missing_header"
  | "malformed_token"
  | "unsupported_alg"
  | "missing_kid"
  | "unknown_kid"
  | "key_unavailable"
  | "expired_key"
  | "unusable_key"
  | "bad_signature"
  | "invalid_token"
  | "missing_iat"
  | "stale_iat"
  | "future_iat"
  | "missing_body_hash"
  | "body_mismatch";

export type WebhookVerification =
  | { ok: true; bodySha256: string; issuedAt: Date; kid: string }
  | { ok: false; reason: WebhookRejection };

const reject = (reason: WebhookRejection): WebhookVerification => ({ ok: false, reason });

/** SHA-256 of the exact bytes, lowercase hex, as Plaid puts it in request_body_sha256. */
export function sha256Hex(body: Uint8Array): string {
  return createHash("sha256").update(body).digest("hex");
}

export async function verifyWebhook({
  body,
  token,
  fetchKey,
  now = new Date(),
}: {
  /** The request body exactly as received: re-serialized JSON would not match Plaid's hash. */
  body: Uint8Array;
  /** The Plaid-Verification header's value, or null when it is absent. */
  token: string | null;
  fetchKey: (kid: string, now: Date) => Promise<WebhookKey | null>;
  now?: Date;
}): Promise<WebhookVerification> {
  if (!token) return reject("missing_header");

  let header: ReturnType<typeof decodeProtectedHeader>;
  try {
    header = decodeProtectedHeader(token);
  } catch {
    return reject("malformed_token");
  }
  // Checked before any key is looked up: "none", HS256 (a public key used as an HMAC secret) and
  // every other algorithm are refused outright.
  if (header.alg !== "ES256") return reject("unsupported_alg");
  if (typeof header.kid !== "string" || header.kid === "") return reject("missing_kid");
  const kid = header.kid;

  let key: WebhookKey | null;
  try {
    key = await fetchKey(kid, now);
  } catch {
    return reject("key_unavailable");
  }
  if (!key) return reject("unknown_kid");
  if (key.expired_at !== null && key.expired_at !== undefined && key.expired_at * 1000 <= now.getTime()) {
    return reject("expired_key");
  }

  let publicKey: Awaited<ReturnType<typeof importJWK>>;
  try {
    // Only the curve point is taken from the key: its alg/use fields must not widen what is accepted.
    publicKey = await importJWK({ kty: key.kty, crv: key.crv, x: key.x, y: key.y }, "ES256");
  } catch {
    return reject("unusable_key");
  }

  let payload: JWTPayload;
  try {
    ({ payload } = await jwtVerify(token, publicKey, { algorithms: ["ES256"], currentDate: now }));
  } catch (error) {
    // jose also refuses a malformed payload or an exp/nbf out of range; only a bad signature is a forgery.
    const code = (error as { code?: unknown }).code;
    return reject(code === "ERR_JWS_SIGNATURE_VERIFICATION_FAILED" ? "bad_signature" : "invalid_token");
  }

  if (typeof payload.iat !== "number" || !Number.isFinite(payload.iat)) return reject("missing_iat");
  const ageSeconds = now.getTime() / 1000 - payload.iat;
  if (ageSeconds > MAX_WEBHOOK_AGE_SECONDS) return reject("stale_iat");
  if (ageSeconds < -MAX_WEBHOOK_CLOCK_SKEW_SECONDS) return reject("future_iat");

  const claimed = payload.request_body_sha256;
  if (typeof claimed !== "string" || claimed === "") return reject("missing_body_hash");
  const actual = sha256Hex(body);
  if (!sameBytes(claimed, actual)) return reject("body_mismatch");

  return { ok: true, bodySha256: actual, issuedAt: new Date(payload.iat * 1000), kid };
}

// timingSafeEqual needs equal lengths; a claim of another length cannot match a hex SHA-256 anyway,
// and its length is no secret.
function sameBytes(claimed: string, actual: string): boolean {
  const a = Buffer.from(claimed, "utf8");
  const b = Buffer.from(actual, "utf8");
  return a.length === b.length && timingSafeEqual(a, b);
}
