// Seals Plaid access tokens at rest: AES-256-GCM, a random 12-byte IV per token, and the key id as
// additional authenticated data, so a row whose key id was swapped fails to open instead of opening
// under the wrong key. Stored as `v1.<iv>.<tag>.<ciphertext>` (base64url) beside its key id.
import "server-only";
import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import { AppError } from "@/lib/errors";
import { getTokenKeyring, type TokenKeyring } from "./token-keys";

export type { TokenKeyring } from "./token-keys";
export { parseTokenKeys } from "./token-keys";

export type SealedToken = { ciphertext: string; keyId: string };

const VERSION = "v1";
const IV_BYTES = 12;
const TAG_BYTES = 16;

/** The key id new tokens are sealed with (the first of TOKEN_ENCRYPTION_KEY, or "local"). */
export function currentTokenKeyId(keyring: TokenKeyring = getTokenKeyring()): string {
  return keyring.current;
}

export function sealAccessToken(plaintext: string, keyring: TokenKeyring = getTokenKeyring()): SealedToken {
  const keyId = keyring.current;
  const key = keyring.keys.get(keyId);
  if (!key) throw new AppError("token:key_missing", "The current token key is not in the keyring.");
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv("aes-256-gcm", key, iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(Buffer.from(keyId, "utf8"));
  const sealed = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  const tag = cipher.getAuthTag();
  return { ciphertext: [VERSION, iv, tag, sealed].map(encode).join("."), keyId };
}

/**
 * Opens a sealed token. Throws AppError("token:undecryptable") for an unknown key id, a malformed value
 * or a failed authentication check; the message names the key id, never the stored value.
 */
export function openAccessToken(
  { ciphertext, keyId }: { ciphertext: string; keyId: string },
  keyring: TokenKeyring = getTokenKeyring(),
): string {
  const key = keyring.keys.get(keyId);
  if (!key) {
    throw new AppError(
      "token:undecryptable",
      `Access token sealed with key "${keyId}", which TOKEN_ENCRYPTION_KEY does not contain.`,
    );
  }
  const parts = ciphertext.split(".");
  const [version, iv, tag, sealed] = parts.map((part, index) => (index === 0 ? part : decode(part)));
  if (parts.length !== 4 || version !== VERSION || !isBuffer(iv) || !isBuffer(tag) || !isBuffer(sealed)) {
    throw new AppError("token:undecryptable", `Access token sealed with key "${keyId}" is not in the v1 format.`);
  }
  if (iv.length !== IV_BYTES || tag.length !== TAG_BYTES) {
    throw new AppError("token:undecryptable", `Access token sealed with key "${keyId}" is malformed.`);
  }
  try {
    const decipher = createDecipheriv("aes-256-gcm", key, iv, { authTagLength: TAG_BYTES });
    decipher.setAAD(Buffer.from(keyId, "utf8"));
    decipher.setAuthTag(tag);
    return Buffer.concat([decipher.update(sealed), decipher.final()]).toString("utf8");
  } catch {
    // No cause: the crypto error says nothing useful and must not drag the value into a log.
    throw new AppError(
      "token:undecryptable",
      `Access token sealed with key "${keyId}" failed authentication (tampered, or a different key with that id).`,
    );
  }
}

function encode(value: string | Buffer): string {
  return typeof value === "string" ? value : value.toString("base64url");
}

// Strict: Buffer.from(…, "base64url") silently skips characters outside the alphabet.
function decode(value: string): Buffer | undefined {
  return /^[A-Za-z0-9_-]*$/.test(value) ? Buffer.from(value, "base64url") : undefined;
}

function isBuffer(value: unknown): value is Buffer {
  return Buffer.isBuffer(value);
}
