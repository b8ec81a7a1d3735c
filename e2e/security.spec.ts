// The built app's answers to an attacker's requests: security headers on every page and static file,
// server actions sent from another site or too large refused with a 4xx before anything runs.
import { expect, test } from "@playwright/test";
import { signUp } from "./support/auth";

test("pages and static files carry the security headers; pages a nonce'd policy that forbids framing", async ({
  page,
}) => {
  const response = await page.goto("/sign-in");
  const headers = response?.headers() ?? {};
  expect(headers["x-content-type-options"]).toBe("nosniff");
  expect(headers["referrer-policy"]).toBe("strict-origin-when-cross-origin");
  expect(headers["x-frame-options"]).toBe("DENY");
  expect(headers["permissions-policy"]).toContain("camera=()");
  const policy = headers["content-security-policy"] ?? "";
  const nonce = /'nonce-([A-Za-z0-9+/=]+)'/.exec(policy)?.[1];
  expect(nonce).toBeTruthy();
  expect(policy).toContain("frame-ancestors 'none'");
  // Over http (the tests' server), no HSTS: it would pin a name that has no certificate.
  expect(headers["strict-transport-security"]).toBeUndefined();
  // Next.js put this response's nonce on its scripts; the next response has another.
  expect(await page.locator(`script[nonce]`).count()).toBeGreaterThan(0);
  const again = (await page.request.get("/sign-in")).headers()["content-security-policy"];
  expect(again).not.toContain(nonce);

  const script = await page.locator("script[src]").first().getAttribute("src");
  const asset = await page.request.get(script ?? "");
  expect(asset.headers()["x-content-type-options"]).toBe("nosniff");
});

test("a server action sent from another site, past the size limit, or malformed is refused and runs nothing", async ({
  page,
}) => {
  await signUp(page);
  await page.goto("/settings");
  const post = (headers: Record<string, string>, data = "[]") =>
    page.request.post("/settings", { headers: { "Next-Action": "0".repeat(42), ...headers }, data });
  const foreign = await post({ Origin: "https://evil.example", "Content-Type": "text/plain;charset=UTF-8" });
  expect(foreign.status()).toBe(403);
  expect(await foreign.text()).toBe("This form was sent from another site, so it was not run.");
  const large = await post({ "Content-Type": "text/plain;charset=UTF-8" }, "x".repeat(6 * 1024 * 1024 + 1));
  expect(large.status()).toBe(413);
  // The audit's malformed calls, each a 500 before.
  for (const [contentType, body] of [
    ["text/plain;charset=UTF-8", "[not json"],
    ["multipart/form-data; boundary=zz", "garbage"],
    ["multipart/form-data", "x"],
  ]) {
    const malformed = await post({ "Content-Type": contentType ?? "" }, body);
    expect(malformed.status(), `${contentType} ${body}`).toBe(400);
    expect(await malformed.text()).toBe("This form's data could not be read, so it was not run.");
  }
});
