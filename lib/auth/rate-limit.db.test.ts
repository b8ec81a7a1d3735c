// Sign-in throttling on the configured backend: the PostgreSQL store when DATABASE_URL is set, memory
// on the embedded database.
import { expect, test } from "vitest";
import { assertSignInAllowed, recordFailedSignIn, recordSuccessfulSignIn, SignInThrottledError } from "./rate-limit";

const key = () => Math.random().toString(36).slice(2, 10);

test("five failures for one email block it, whatever the address", async () => {
  const email = `${key()}@example.test`;
  for (let i = 0; i < 5; i++) {
    await assertSignInAllowed({ email, address: `10.0.0.${i}` });
    await recordFailedSignIn({ email, address: `10.0.0.${i}` });
  }
  const error = await assertSignInAllowed({ email, address: "10.0.0.99" }).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(SignInThrottledError);
  expect((error as SignInThrottledError).retryAfterSeconds).toBeGreaterThan(800);
  expect((error as Error).message).toMatch(/^Too many sign-in attempts\. Try again in 1[45] minute\(s\)\.$/);
  await expect(assertSignInAllowed({ email: `${key()}@example.test`, address: "10.0.0.99" })).resolves.toBeUndefined();
});

test("thirty failures from one address block it for every email", async () => {
  const address = `addr-${key()}`;
  for (let i = 0; i < 30; i++) await recordFailedSignIn({ email: `${key()}@example.test`, address });
  await expect(assertSignInAllowed({ email: `${key()}@example.test`, address })).rejects.toBeInstanceOf(
    SignInThrottledError,
  );
});

test("a success clears the email's count", async () => {
  const email = `${key()}@example.test`;
  for (let i = 0; i < 4; i++) await recordFailedSignIn({ email, address: `a-${key()}` });
  await recordSuccessfulSignIn({ email });
  for (let i = 0; i < 4; i++) await recordFailedSignIn({ email, address: `a-${key()}` });
  await expect(assertSignInAllowed({ email, address: `a-${key()}` })).resolves.toBeUndefined();
});
