// The settings whose form is more than a regex: the keyring that seals Plaid access tokens and the Web
// Push (VAPID) key pair. lib/env.ts checks both at start; lib/plaid/token-keys.ts reads the keyring.
// Messages name the entry or the key, never echo key material.
import { createECDH } from "node:crypto";
import { EnvError } from "./env-error";

export type TokenKeyring = { current: string; keys: ReadonlyMap<string, Buffer> };

export const TOKEN_KEY_BYTES = 32;
const KEY_ID = /^[A-Za-z0-9_-]{1,64}$/;
const BASE64 = /^[A-Za-z0-9+/_-]+={0,2}$/;
export const TOKEN_KEY_HINT = `Generate one with: node -e "console.log('k1:'+require('crypto').randomBytes(32).toString('base64'))"`;

const invalidKey = (message: string) => new EnvError([{ variable: "TOKEN_ENCRYPTION_KEY", message }]);

/**
 * Parses TOKEN_ENCRYPTION_KEY: `kid:base64key` entries, comma-separated, the first seals and every one
 * opens. A key id is 1-64 letters, digits, "-" or "_", used once; a key is base64 of exactly 32 bytes.
 */
export function parseTokenKeys(value: string): TokenKeyring {
  const keys = new Map<string, Buffer>();
  let current: string | undefined;
  const entries = value.split(",").map((entry) => entry.trim());
  for (const [index, entry] of entries.entries()) {
    const position = `entry ${index + 1}`;
    const colon = entry.indexOf(":");
    if (colon < 0) {
      throw invalidKey(
        `${position} has no key id: each entry must be "kid:base64key", e.g. "k1:…" (${TOKEN_KEY_HINT})`,
      );
    }
    const keyId = entry.slice(0, colon).trim();
    const encoded = entry.slice(colon + 1).trim();
    if (!KEY_ID.test(keyId)) {
      throw invalidKey(`${position}: the key id before ":" must be 1-64 letters, digits, "-" or "_"`);
    }
    if (keys.has(keyId)) throw invalidKey(`key id "${keyId}" appears more than once; give each key its own id`);
    if (!BASE64.test(encoded)) throw invalidKey(`key "${keyId}" is not valid base64 (${TOKEN_KEY_HINT})`);
    const key = Buffer.from(encoded, "base64");
    if (key.length !== TOKEN_KEY_BYTES) {
      throw invalidKey(`key "${keyId}" must decode to ${TOKEN_KEY_BYTES} bytes, not ${key.length} (${TOKEN_KEY_HINT})`);
    }
    keys.set(keyId, key);
    current ??= keyId;
  }
  if (!current) throw invalidKey(`is empty (${TOKEN_KEY_HINT})`);
  return { current, keys };
}

/** Why TOKEN_ENCRYPTION_KEY is unusable, or null. */
export function tokenKeysProblem(value: string): string | null {
  try {
    parseTokenKeys(value);
    return null;
  } catch (error) {
    return (error as EnvError).issues[0]?.message ?? "is not a valid keyring";
  }
}

const VAPID_HINT = "generate a pair with: npx web-push generate-vapid-keys";
const BASE64URL = /^[A-Za-z0-9_-]+$/;

function decodeBase64Url(value: string): Buffer | null {
  return BASE64URL.test(value) ? Buffer.from(value, "base64url") : null;
}

/**
 * What is wrong with a VAPID key pair, per variable: the public key is an uncompressed P-256 point (65
 * bytes, 0x04 first), the private key 32 bytes, both base64url without "=", and they belong together.
 */
export function vapidKeyProblems({
  publicKey,
  privateKey,
}: {
  publicKey: string;
  privateKey: string;
}): { variable: "VAPID_PUBLIC_KEY" | "VAPID_PRIVATE_KEY"; message: string }[] {
  const problems: { variable: "VAPID_PUBLIC_KEY" | "VAPID_PRIVATE_KEY"; message: string }[] = [];
  const pub = decodeBase64Url(publicKey);
  const priv = decodeBase64Url(privateKey);
  if (pub?.length !== 65 || pub[0] !== 0x04) {
    problems.push({
      variable: "VAPID_PUBLIC_KEY",
      message: `must be a base64url (no "=") P-256 public key of 65 bytes (${VAPID_HINT})`,
    });
  }
  if (priv?.length !== 32) {
    problems.push({
      variable: "VAPID_PRIVATE_KEY",
      message: `must be a base64url (no "=") P-256 private key of 32 bytes (${VAPID_HINT})`,
    });
  }
  if (problems.length > 0 || !pub || !priv) return problems;
  let derived: Buffer | null = null;
  try {
    const ecdh = createECDH("prime256v1");
    ecdh.setPrivateKey(priv);
    derived = ecdh.getPublicKey();
  } catch {
    // Not a valid P-256 scalar (zero, or past the curve order).
  }
  if (!derived) {
    problems.push({ variable: "VAPID_PRIVATE_KEY", message: `is not a valid P-256 private key (${VAPID_HINT})` });
  } else if (!derived.equals(pub)) {
    problems.push({
      variable: "VAPID_PUBLIC_KEY",
      message: `does not belong to VAPID_PRIVATE_KEY: set both from the same pair (${VAPID_HINT})`,
    });
  }
  return problems;
}
