// Password hashing with argon2id (OWASP's first choice), through @node-rs/argon2's prebuilt binding.
import "server-only";
import { hash, verify } from "@node-rs/argon2";

// OWASP's recommended minimum for argon2id: 19 MiB, 2 iterations, 1 lane.
const OPTIONS = { memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
  return hash(password, OPTIONS);
}

export async function verifyPassword({ password, hash: stored }: { password: string; hash: string }): Promise<boolean> {
  try {
    return await verify(stored, password);
  } catch {
    // A malformed stored hash is a failed sign-in, never a crash.
    return false;
  }
}
