// OAuth providers appear exactly when both of their variables are set.
import { afterEach, expect, test, vi } from "vitest";

const saved = { ...process.env };

afterEach(() => {
  process.env = { ...saved };
  vi.resetModules();
});

async function providersWith(variables: Record<string, string>) {
  process.env = { ...saved, NEXTAUTH_SECRET: "a-test-secret-that-is-long-enough-xx", ...variables };
  vi.resetModules();
  const { enabledOAuthProviders } = await import("./options");
  return enabledOAuthProviders().map((provider) => provider.id);
}

test("none by default", async () => {
  expect(await providersWith({})).toEqual([]);
});

test("GitHub and Google when both of their variables are set", async () => {
  expect(await providersWith({ GITHUB_ID: "id", GITHUB_SECRET: "secret" })).toEqual(["github"]);
  expect(
    await providersWith({ GITHUB_ID: "id", GITHUB_SECRET: "s", GOOGLE_CLIENT_ID: "id", GOOGLE_CLIENT_SECRET: "s" }),
  ).toEqual(["github", "google"]);
});

test("half of a pair stops the app at start, naming the missing half", async () => {
  await expect(providersWith({ GOOGLE_CLIENT_ID: "id" })).rejects.toThrow(
    /GOOGLE_CLIENT_SECRET: is required with GOOGLE_CLIENT_ID/,
  );
});

test("a PostgreSQL deployment without NEXTAUTH_SECRET fails, naming the variable", async () => {
  process.env = { ...saved, DATABASE_URL: "postgresql://postgres@127.0.0.1:5432/x", NEXTAUTH_SECRET: "" };
  vi.resetModules();
  await expect(import("./options")).rejects.toThrow(/NEXTAUTH_SECRET: is required when DATABASE_URL is set/);
});

// The security review: next-auth took GitHub's primary address whether or not GitHub had verified it.
test("a GitHub sign-in carries only a primary address GitHub verified", async () => {
  process.env = { ...saved, NEXTAUTH_SECRET: "a-test-secret-that-is-long-enough-xx" };
  vi.resetModules();
  const { githubProfileWithVerifiedEmail } = await import("./options");
  const client = { userinfo: async () => ({ id: 1, login: "ada", email: "public@example.test" }) };
  const answer = (emails: unknown) =>
    vi.spyOn(globalThis, "fetch").mockResolvedValueOnce(new Response(JSON.stringify(emails), { status: 200 }));

  answer([
    { email: "unverified@example.test", primary: true, verified: false },
    { email: "other@example.test", primary: false, verified: true },
  ]);
  expect(await githubProfileWithVerifiedEmail({ client, tokens: { access_token: "t" } })).toMatchObject({
    email: null,
    email_verified: false,
  });
  answer([{ email: "ada@example.test", primary: true, verified: true }]);
  expect(await githubProfileWithVerifiedEmail({ client, tokens: { access_token: "t" } })).toMatchObject({
    email: "ada@example.test",
    email_verified: true,
  });
  vi.restoreAllMocks();
});
