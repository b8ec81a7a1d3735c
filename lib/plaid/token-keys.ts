// The keys that seal access tokens. TOKEN_ENCRYPTION_KEY = "kid:base64(32 bytes)[,kid:base64,...]" (its form
// is checked at start by lib/env.ts, with lib/env-formats.ts): the
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
import { env } from "@/lib/env";
import {
  TOKEN_KEY_HINT as GENERATE_HINT,
  TOKEN_KEY_BYTES as KEY_BYTES,
  parseTokenKeys,
  type TokenKeyring,
} from "@/lib/env-formats";
import { AppError } from "@/lib/errors";

export type { TokenKeyring } from "@/lib/env-formats";
export { parseTokenKeys } from "@/lib/env-formats";

export const LOCAL_KEY_ID = "local";
const BASE64 = /^[A-Za-z0-9+/_-]+={0,2}$/;

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
