// The key next-auth signs and encrypts session tokens with. NEXTAUTH_SECRET when set (required with
// PostgreSQL, where several processes must share it); otherwise, on the single-process embedded
// database, a random key kept beside the data folder so sessions survive restarts with zero set-up.
import "server-only";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { env } from "@/lib/env";

let cached: string | undefined;

export function getAuthSecret(): string {
  if (cached) return cached;
  if (env.NEXTAUTH_SECRET) {
    cached = env.NEXTAUTH_SECRET;
    return cached;
  }
  if (env.DATABASE_URL) {
    throw new Error(
      "NEXTAUTH_SECRET: required when DATABASE_URL is set (every process must sign sessions with the same key). " +
        "Generate one with: openssl rand -base64 32",
    );
  }
  const file = path.resolve(
    env.PGLITE_DATA_DIR === "memory://" ? ".data" : path.dirname(env.PGLITE_DATA_DIR),
    "auth-secret",
  );
  try {
    cached = fs.readFileSync(file, "utf8").trim();
  } catch {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const secret = randomBytes(32).toString("base64");
    // "wx": if another start raced us, keep theirs.
    try {
      fs.writeFileSync(file, secret, { mode: 0o600, flag: "wx" });
      cached = secret;
    } catch {
      cached = fs.readFileSync(file, "utf8").trim();
    }
  }
  return cached;
}
