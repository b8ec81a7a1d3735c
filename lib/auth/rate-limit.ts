// Throttling with rate-limiter-flexible. Sign-in: per (email, address), so guessing one account's
// password stops, and per address, so spraying many accounts from one place stops; never per email
// alone, or anyone anywhere could lock the owner out with 5 wrong guesses. Sign-up: per address.
// Addresses come from lib/security/client-address.ts (X-Forwarded-For only behind TRUSTED_PROXIES).
// Counters live in PostgreSQL when several processes share it, in memory on the embedded database.
import "server-only";
import pg from "pg";
import { RateLimiterMemory, RateLimiterPostgres, type RateLimiterRes } from "rate-limiter-flexible";
import { env } from "@/lib/env";
import { log } from "@/lib/log";

const FIFTEEN_MINUTES = 15 * 60;
const ONE_HOUR = 60 * 60;

type LimitName =
  | "accountAddress"
  | "address"
  | "signUp"
  | "resetAddress"
  | "resetEmail"
  | "verifyMail"
  | "secondFactor"
  | "passkeySignIn";
const LIMITS: Record<LimitName, { prefix: string; points: () => number; duration: number }> = {
  accountAddress: { prefix: "sign-in:account-address", points: () => 5, duration: FIFTEEN_MINUTES },
  address: { prefix: "sign-in:address", points: () => 30, duration: FIFTEEN_MINUTES },
  signUp: { prefix: "sign-up:address", points: () => env.SIGN_UP_LIMIT, duration: ONE_HOUR },
  // "Forgot password": mail is sent at most 3 times an hour to one address, and one network may ask
  // 10 times an hour, so the form can be used neither to flood a mailbox nor to probe for accounts.
  resetAddress: { prefix: "reset:address", points: () => 10, duration: ONE_HOUR },
  resetEmail: { prefix: "reset:email", points: () => 3, duration: ONE_HOUR },
  // Links confirming an address, and the "you already have an account" notice a sign-up with a
  // registered address sends: 3 an hour to one address, and 3 an hour asked for by one account.
  verifyMail: { prefix: "verify-mail", points: () => 3, duration: ONE_HOUR },
  // Wrong two-factor codes, per account: only someone who already has the password gets this far, so
  // 5 guesses in 15 minutes (of a million codes) is all they get, wherever they guess from.
  secondFactor: { prefix: "2fa:user", points: () => 5, duration: FIFTEEN_MINUTES },
  // "Sign in with a passkey" from one network: each try stores a challenge, asked for by anyone.
  passkeySignIn: { prefix: "passkey:address", points: () => 30, duration: FIFTEEN_MINUTES },
};

type Limiter = RateLimiterMemory | RateLimiterPostgres;
const globalForLimits = globalThis as typeof globalThis & { __mingusLimiters?: Record<LimitName, Limiter> };

function createLimiters(): Record<LimitName, Limiter> {
  let pool: pg.Pool | undefined;
  const make = (name: LimitName): Limiter => {
    const { prefix, points, duration } = LIMITS[name];
    const options = { keyPrefix: prefix, points: points(), duration };
    if (!env.DATABASE_URL) return new RateLimiterMemory(options);
    if (!pool) {
      pool = new pg.Pool({ connectionString: env.DATABASE_URL, max: 2 });
      // An idle connection the server closes (restart, failover) must not take the process down.
      pool.on("error", (error) => log.error({ err: error }, "rate-limit pool error"));
    }
    return new RateLimiterPostgres({
      ...options,
      storeClient: pool,
      storeType: "pool",
      tableName: "rate_limits",
      tableCreated: true,
    });
  };
  return {
    accountAddress: make("accountAddress"),
    address: make("address"),
    signUp: make("signUp"),
    resetAddress: make("resetAddress"),
    resetEmail: make("resetEmail"),
    verifyMail: make("verifyMail"),
    secondFactor: make("secondFactor"),
    passkeySignIn: make("passkeySignIn"),
  };
}

function limiters() {
  globalForLimits.__mingusLimiters ??= createLimiters();
  return globalForLimits.__mingusLimiters;
}

/** A refusal that says when to try again. */
export class ThrottledError extends Error {
  constructor(
    what: string,
    readonly retryAfterSeconds: number,
  ) {
    super(`${what} Try again in ${formatWait(retryAfterSeconds)}.`);
    this.name = "ThrottledError";
  }
}

function formatWait(seconds: number): string {
  if (seconds < 60) return seconds === 1 ? "1 second" : `${seconds} seconds`;
  const minutes = Math.ceil(seconds / 60);
  return minutes === 1 ? "1 minute" : `${minutes} minutes`;
}

/**
 * A limiter's answer (RateLimiterRes), told by its shape: Next.js bundles this module into each route and
 * action, each with its own copy of the library, while the limiters are shared (globalThis), so
 * `instanceof` fails whenever another bundle made them. That let a 6th guess through after a sign-up.
 */
function isLimiterAnswer(value: unknown): value is RateLimiterRes {
  return (
    typeof value === "object" &&
    value !== null &&
    typeof (value as RateLimiterRes).consumedPoints === "number" &&
    typeof (value as RateLimiterRes).msBeforeNext === "number"
  );
}

const accountKey = (email: string, address: string) => `${email}|${address}`;

/** Throws ThrottledError while the (email, address) pair or the address is over its limit. */
export async function assertSignInAllowed({ email, address }: { email: string; address: string }): Promise<void> {
  const { accountAddress, address: byAddress } = limiters();
  const [pairState, addressState] = await Promise.all([
    accountAddress.get(accountKey(email, address)),
    byAddress.get(address),
  ]);
  const blocked = [
    [pairState, LIMITS.accountAddress.points()],
    [addressState, LIMITS.address.points()],
  ].filter(([state, limit]) => isLimiterAnswer(state) && state.consumedPoints >= (limit as number));
  if (blocked.length > 0) {
    const wait = Math.max(...blocked.map(([state]) => (state as RateLimiterRes).msBeforeNext));
    throw new ThrottledError("Too many sign-in attempts.", Math.max(1, Math.round(wait / 1000)));
  }
}

/** Counts a failed attempt against the pair and the address. */
export async function recordFailedSignIn({ email, address }: { email: string; address: string }): Promise<void> {
  const { accountAddress, address: byAddress } = limiters();
  await Promise.all([accountAddress.penalty(accountKey(email, address), 1), byAddress.penalty(address, 1)]);
}

/** A successful sign-in clears its pair's counter (not the address's). */
export async function recordSuccessfulSignIn({ email, address }: { email: string; address: string }): Promise<void> {
  await limiters().accountAddress.delete(accountKey(email, address));
}

/** Counts one "Forgot password" request; throws ThrottledError past either hourly limit. */
export async function consumePasswordReset({ email, address }: { email: string; address: string }): Promise<void> {
  const { resetAddress, resetEmail } = limiters();
  for (const [limiter, key] of [
    [resetAddress, address],
    [resetEmail, email],
  ] as const) {
    try {
      await limiter.consume(key, 1);
    } catch (refusal) {
      if (!isLimiterAnswer(refusal)) throw refusal;
      throw new ThrottledError("Too many reset requests.", Math.max(1, Math.round(refusal.msBeforeNext / 1000)));
    }
  }
}

/**
 * Counts one mail confirming an address (or telling its owner they already have an account), against
 * the address it goes to and the account asking, if any; throws ThrottledError past 3 an hour for either.
 */
export async function consumeVerificationMail({ email, userId }: { email: string; userId?: string }): Promise<void> {
  const { verifyMail } = limiters();
  for (const key of [`email:${email}`, ...(userId ? [`user:${userId}`] : [])]) {
    try {
      await verifyMail.consume(key, 1);
    } catch (refusal) {
      if (!isLimiterAnswer(refusal)) throw refusal;
      throw new ThrottledError(
        "Too many confirmation emails were asked for.",
        Math.max(1, Math.round(refusal.msBeforeNext / 1000)),
      );
    }
  }
}

/** Counts one sign-up from `address`; throws ThrottledError past SIGN_UP_LIMIT in an hour. */
export async function consumeSignUp({ address }: { address: string }): Promise<void> {
  await consumeOrRefuse("signUp", address, "Too many accounts were created from this network.");
}

/** Counts one against `name`'s limit for `key`; past it, a ThrottledError saying `what` and when to retry. */
async function consumeOrRefuse(name: LimitName, key: string, what: string): Promise<void> {
  try {
    await limiters()[name].consume(key, 1);
  } catch (refusal) {
    if (!isLimiterAnswer(refusal)) throw refusal;
    throw new ThrottledError(what, Math.max(1, Math.round(refusal.msBeforeNext / 1000)));
  }
}

/**
 * Counts a two-factor attempt against the account before the code is checked, so a burst of requests
 * sent at once cannot each slip past the limit; throws ThrottledError once 5 are used in 15 minutes.
 * A right code gives its attempt back (refundSecondFactorAttempt): only wrong ones add up.
 */
export async function consumeSecondFactorAttempt({ userId }: { userId: string }): Promise<void> {
  await consumeOrRefuse("secondFactor", userId, "Too many wrong codes.");
}

/** A right code: its attempt does not count. */
export async function refundSecondFactorAttempt({ userId }: { userId: string }): Promise<void> {
  await limiters().secondFactor.reward(userId, 1);
}

/** Counts one passkey sign-in begun from `address`; throws ThrottledError past 30 in 15 minutes. */
export async function consumePasskeySignIn({ address }: { address: string }): Promise<void> {
  await consumeOrRefuse("passkeySignIn", address, "Too many passkey sign-ins from this network.");
}
