// Return paths after signing in: the audit's open redirects (/\evil.example, /<tab>/evil.example) and
// their relatives are refused; paths on this site keep their query and fragment.
import { describe, expect, it } from "vitest";
import { DEFAULT_RETURN_PATH, safeReturnPath, sameOriginRedirect } from "./return-path";

describe("safeReturnPath", () => {
  it("keeps a path on this site, with its query and fragment", () => {
    expect(safeReturnPath("/accounts/abc?range=90d#history")).toBe("/accounts/abc?range=90d#history");
    expect(safeReturnPath("/admin")).toBe("/admin");
    // A percent-encoded backslash that stays encoded is only a strange path here.
    expect(safeReturnPath("/%5Cevil.example/phish")).toBe("/%5Cevil.example/phish");
  });

  it.each([
    // The audit's reproductions, as URLSearchParams hands them over (decoded).
    "/\\evil.example/phish",
    "/\t/evil.example/phish",
    "//evil.example/phish",
    "/\n/evil.example",
    "/\r\n/evil.example",
    "\\\\evil.example",
    "https://evil.example/",
    "javascript:alert(1)",
    "evil.example",
    "",
    "/\u0000/evil.example",
  ])("refuses %j", (value) => {
    expect(safeReturnPath(value)).toBe(DEFAULT_RETURN_PATH);
  });

  it("falls back to the default without a value", () => {
    expect(safeReturnPath(null)).toBe(DEFAULT_RETURN_PATH);
    expect(safeReturnPath(undefined, "/settings")).toBe("/settings");
  });
});

describe("sameOriginRedirect (next-auth's redirect callback)", () => {
  const baseUrl = "https://mingus.example";
  it("keeps this site's URLs and paths", () => {
    expect(sameOriginRedirect({ url: "/accounts?x=1", baseUrl })).toBe("https://mingus.example/accounts?x=1");
    expect(sameOriginRedirect({ url: "https://mingus.example/admin", baseUrl })).toBe("https://mingus.example/admin");
  });

  it.each([
    "https://evil.example/",
    "https://mingus.example.evil.example/",
    "https://mingus.example@evil.example/",
    "http://mingus.example/accounts",
    "/\\evil.example/phish",
    "//evil.example",
    "not a url",
  ])("sends %j to the default page on this site", (url) => {
    expect(sameOriginRedirect({ url, baseUrl })).toBe(`https://mingus.example${DEFAULT_RETURN_PATH}`);
  });
});
