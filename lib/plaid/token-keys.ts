// The keys that seal access tokens. TOKEN_ENCRYPTION_KEY = "kid:base64(32 bytes)[,kid:base64,...]": the
// first seals, every one opens (so a new key can be put first and `npm run keys:rotate` moves rows to it).
// Without it, on the single-process embedded database only, a key generated once and kept in
// .data/token-key (kid "local"), mirroring lib/auth/secret.ts. PostgreSQL requires the variable:
// several processes must share the key, and a key file beside one of them would strand the others.
//
// Generate a key: node -e "console.log('k1:'+require('crypto').randomBytes(32).toString('base64'))"
import "server-only";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { EnvError, env } from "@/lib/env";
import { AppError } from "@/lib/errors";

export type TokenKeyring = { current: string; keys: ReadonlyMap<string, Buffer> };

export const LOCAL_KEY_ID = "local";
const KEY_BYTES = 32;
const KEY_ID = /^[A-Za-z0-9_-]{1,64}$/;
const BASE64 = /^[A-Za-z0-9+/_-]+={0,2}$/;
const GENERATE_HINT = `Generate one with: node -e "console.log('k1:'+require('crypto').randomBytes(32).toString('base64'))"`;

const invalid = (message: string) => new EnvError([{ variable: "TOKEN_ENCRYPTION_KEY", message }]);

/** Parses TOKEN_ENCRYPTION_KEY. Errors name the entry by position or key id, never echo key material. */
export function parseTokenKeys(value: string): TokenKeyring {
  const keys = new Map<string, Buffer>();
  let current: string | undefined;
  const entries = value.split(",").map((entry) => entry.trim());
  for (const [index, entry] of entries.entries()) {
    const position = `entry ${index + 1}`;
    const colon = entry.indexOf(":");
    if (colon < 0) throw invalid(`${position} must be "kid:base64key" (${GENERATE_HINT})`);
    const keyId = entry.slice(0, colon).trim();
    const encoded = entry.slice(colon + 1).trim();
    if (!KEY_ID.test(keyId)) {
      throw invalid(`${position}: the key id must be 1-64 letters, digits, "-" or "_"`);
    }
    if (keys.has(keyId)) throw invalid(`key id "${keyId}" appears more than once`);
    if (!BASE64.test(encoded)) throw invalid(`key "${keyId}" is not valid base64`);
    const key = Buffer.from(encoded, "base64");
    if (key.length !== KEY_BYTES) {
      throw invalid(`key "${keyId}" must decode to ${KEY_BYTES} bytes, not ${key.length} (${GENERATE_HINT})`);
    }
    keys.set(keyId, key);
    current ??= keyId;
  }
  if (!current) throw invalid(`is empty (${GENERATE_HINT})`);
  return { current, keys };
}

/**
 * The keyring for a configuration. `keyFile` is where the embedded setup keeps its generated key; it is
 * created on first use without TOKEN_ENCRYPTION_KEY and, when present, still opens (never seals) once
 * the variable is set, so `npm run keys:rotate` can move its rows onto the new key.
 */
export function resolveTokenKeyring({
  value,
  databaseUrl,
  keyFile,
}: {
  value: string | undefined;
  databaseUrl: string | undefined;
  keyFile: string;
}): TokenKeyring {
  if (value) {
    const keyring = parseTokenKeys(value);
    if (databaseUrl || keyring.keys.has(LOCAL_KEY_ID) || !fs.existsSync(keyFile)) return keyring;
    return { current: keyring.current, keys: new Map([...keyring.keys, [LOCAL_KEY_ID, readKeyFile(keyFile)]]) };
  }
  if (databaseUrl) {
    throw new AppError(
      "token:key_missing",
      "TOKEN_ENCRYPTION_KEY: required when DATABASE_URL is set (every process must seal access tokens with the " +
        `same key). ${GENERATE_HINT}`,
    );
  }
  return { current: LOCAL_KEY_ID, keys: new Map([[LOCAL_KEY_ID, readOrCreateKeyFile(keyFile)]]) };
}

/** Where the embedded setup keeps its generated key: beside the data folder, like the auth secret. */
export function localKeyFile(dataDir: string = env.PGLITE_DATA_DIR): string {
  return path.resolve(dataDir === "memory://" ? ".data" : path.dirname(dataDir), "token-key");
}

let cached: TokenKeyring | undefined;

export function getTokenKeyring(): TokenKeyring {
  cached ??= resolveTokenKeyring({
    value: env.TOKEN_ENCRYPTION_KEY,
    databaseUrl: env.DATABASE_URL,
    keyFile: localKeyFile(),
  });
  return cached;
}

function readKeyFile(file: string): Buffer {
  const encoded = fs.readFileSync(file, "utf8").trim();
  const key = Buffer.from(encoded, "base64");
  if (!BASE64.test(encoded) || key.length !== KEY_BYTES) {
    // Regenerating would strand every token sealed with it, so refuse instead.
    throw new AppError(
      "token:key_missing",
      `${file} does not hold a ${KEY_BYTES}-byte base64 key. Restore it, or set TOKEN_ENCRYPTION_KEY and relink.`,
    );
  }
  return key;
}

function readOrCreateKeyFile(file: string): Buffer {
  if (fs.existsSync(file)) return readKeyFile(file);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  try {
    // "wx": if another start raced us, keep theirs.
    fs.writeFileSync(file, randomBytes(KEY_BYTES).toString("base64"), { mode: 0o600, flag: "wx" });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
  }
  return readKeyFile(file);
}
