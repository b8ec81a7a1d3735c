// Throttling on the configured backend: the PostgreSQL store when DATABASE_URL is set, memory on the
// embedded database. The audit's findings: a spoofed X-Forwarded-For bought a fresh budget per guess
// (client-address.test.ts), and 30 wrong tries from anywhere locked the owner out.
import { expect, test } from "vitest";
import { env } from "@/lib/env";
import {
  assertSignInAllowed,
  consumeSignUp,
  recordFailedSignIn,
  recordSuccessfulSignIn,
  ThrottledError,
} from "./rate-limit";

const key = () => Math.random().toString(36).slice(2, 10);

test("five failures for one email from one address block that pair, and say when to try again", async () => {
  const email = `${key()}@example.test`;
  const address = `10.1.0.${Math.floor(Math.random() * 250)}-${key()}`;
  for (let i = 0; i < 5; i++) {
    await assertSignInAllowed({ email, address });
    await recordFailedSignIn({ email, address });
  }
  const error = await assertSignInAllowed({ email, address }).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(ThrottledError);
  expect((error as ThrottledError).retryAfterSeconds).toBeGreaterThan(800);
  expect((error as Error).message).toMatch(/^Too many sign-in attempts\. Try again in 1[45] minutes\.$/);
  // Another account from the same address is still open.
  await expect(assertSignInAllowed({ email: `${key()}@example.test`, address })).resolves.toBeUndefined();
});

test("an attacker's failures elsewhere never lock the owner out", async () => {
  const email = `${key()}@example.test`;
  const attacker = `attacker-${key()}`;
  for (let i = 0; i < 30; i++) await recordFailedSignIn({ email, address: attacker });
  await expect(assertSignInAllowed({ email, address: attacker })).rejects.toBeInstanceOf(ThrottledError);
  await expect(assertSignInAllowed({ email, address: `owner-${key()}` })).resolves.toBeUndefined();
});

test("thirty failures from one address block it for every email", async () => {
  const address = `addr-${key()}`;
  for (let i = 0; i < 30; i++) await recordFailedSignIn({ email: `${key()}@example.test`, address });
  await expect(assertSignInAllowed({ email: `${key()}@example.test`, address })).rejects.toBeInstanceOf(ThrottledError);
});

test("a success clears its pair's count", async () => {
  const email = `${key()}@example.test`;
  const address = `a-${key()}`;
  for (let i = 0; i < 4; i++) await recordFailedSignIn({ email, address });
  await recordSuccessfulSignIn({ email, address });
  for (let i = 0; i < 4; i++) await recordFailedSignIn({ email, address });
  await expect(assertSignInAllowed({ email, address })).resolves.toBeUndefined();
});

test("sign-ups from one address stop at SIGN_UP_LIMIT an hour", async () => {
  const address = `signup-${key()}`;
  for (let i = 0; i < env.SIGN_UP_LIMIT; i++) await consumeSignUp({ address });
  const error = await consumeSignUp({ address }).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(ThrottledError);
  expect((error as Error).message).toMatch(
    /^Too many accounts were created from this network\. Try again in \d+ minutes?\.$/,
  );
  await expect(consumeSignUp({ address: `other-${key()}` })).resolves.toBeUndefined();
});

test("limiters made by another bundle's copy of the library still block (the shared limiters' answers are not this copy's class)", async () => {
  const shared = globalThis as typeof globalThis & { __mingusLimiters?: Record<string, unknown> };
  const saved = shared.__mingusLimiters;
  // What another copy of rate-limiter-flexible answers: the same fields, another class.
  const answer = (consumedPoints: number) => ({ consumedPoints, remainingPoints: 0, msBeforeNext: 600_000 });
  shared.__mingusLimiters = {
    accountAddress: { get: async () => answer(5) },
    address: { get: async () => answer(1) },
    signUp: {
      consume: async () => {
        throw answer(11);
      },
    },
  };
  try {
    const error = await assertSignInAllowed({ email: "a@example.test", address: "10.9.9.9" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ThrottledError);
    expect((error as ThrottledError).retryAfterSeconds).toBe(600);
    await expect(consumeSignUp({ address: "10.9.9.9" })).rejects.toBeInstanceOf(ThrottledError);
  } finally {
    shared.__mingusLimiters = saved;
  }
});
