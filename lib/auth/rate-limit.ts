// Sign-in throttling with rate-limiter-flexible: per email and per client address, so guessing one
// account's password or spraying many accounts from one place both stop. Counters live in PostgreSQL
// when several processes share it, in memory on the single-process embedded database.
import "server-only";
import pg from "pg";
import { RateLimiterMemory, RateLimiterPostgres, RateLimiterRes } from "rate-limiter-flexible";
import { env } from "@/lib/env";
import { log } from "@/lib/log";

const WINDOW_SECONDS = 15 * 60;
const LIMITS = { email: 5, address: 30 } as const;

type Limiter = RateLimiterMemory | RateLimiterPostgres;
const globalForLimits = globalThis as typeof globalThis & {
  __mingusSignInLimiters?: Record<keyof typeof LIMITS, Limiter>;
};

function createLimiters(): Record<keyof typeof LIMITS, Limiter> {
  const make = (keyPrefix: keyof typeof LIMITS): Limiter => {
    const options = { keyPrefix: `sign-in:${keyPrefix}`, points: LIMITS[keyPrefix], duration: WINDOW_SECONDS };
    if (!env.DATABASE_URL) return new RateLimiterMemory(options);
    const pool = new pg.Pool({ connectionString: env.DATABASE_URL, max: 2 });
    // An idle connection the server closes (restart, failover) must not take the process down.
    pool.on("error", (error) => log.error({ err: error }, "rate-limit pool error"));
    return new RateLimiterPostgres({
      ...options,
      storeClient: pool,
      storeType: "pool",
      tableName: "rate_limits",
      tableCreated: true,
    });
  };
  return { email: make("email"), address: make("address") };
}

function limiters() {
  globalForLimits.__mingusSignInLimiters ??= createLimiters();
  return globalForLimits.__mingusSignInLimiters;
}

export class SignInThrottledError extends Error {
  constructor(readonly retryAfterSeconds: number) {
    super(`Too many sign-in attempts. Try again in ${Math.ceil(retryAfterSeconds / 60)} minute(s).`);
    this.name = "SignInThrottledError";
  }
}

/** Throws SignInThrottledError while either key is over its limit; otherwise does nothing. */
export async function assertSignInAllowed({ email, address }: { email: string; address: string }): Promise<void> {
  const { email: byEmail, address: byAddress } = limiters();
  const [emailState, addressState] = await Promise.all([byEmail.get(email), byAddress.get(address)]);
  const blocked = [
    [emailState, LIMITS.email],
    [addressState, LIMITS.address],
  ].filter(([state, limit]) => state instanceof RateLimiterRes && state.consumedPoints >= (limit as number));
  if (blocked.length > 0) {
    const wait = Math.max(...blocked.map(([state]) => (state as RateLimiterRes).msBeforeNext));
    throw new SignInThrottledError(Math.max(1, Math.round(wait / 1000)));
  }
}

/** Counts a failed attempt against both keys. */
export async function recordFailedSignIn({ email, address }: { email: string; address: string }): Promise<void> {
  const { email: byEmail, address: byAddress } = limiters();
  await Promise.all([byEmail.penalty(email, 1), byAddress.penalty(address, 1)]);
}

/** A successful sign-in clears the email's counter (not the address's). */
export async function recordSuccessfulSignIn({ email }: { email: string }): Promise<void> {
  await limiters().email.delete(email);
}
