// The page policy as the browser gets it: scripts only with the response's nonce, no framing, Plaid's
// Link sources only when real Plaid is configured, the emulator's origin only when it runs elsewhere.
import { describe, expect, it } from "vitest";
import { contentSecurityPolicy, createNonce, type PolicyContext, transportSecurity } from "./headers";

const base: PolicyContext = {
  nonce: "bm9uY2U=",
  development: false,
  plaid: { mode: "emulator", emulatorOrigin: "http://localhost:3000" },
  appOrigin: "http://localhost:3000",
  https: false,
};

/** The policy as a map of directive to its sources. */
function parse(policy: string): Map<string, string[]> {
  return new Map(
    policy.split("; ").map((directive) => {
      const [name = "", ...sources] = directive.split(" ");
      return [name, sources];
    }),
  );
}

describe("contentSecurityPolicy", () => {
  it("lets only this response's nonce run scripts, and no one frame the page", () => {
    const policy = parse(contentSecurityPolicy(base));
    expect(policy.get("script-src")).toEqual(["'self'", "'nonce-bm9uY2U='", "'strict-dynamic'"]);
    expect(policy.get("frame-ancestors")).toEqual(["'none'"]);
    expect(policy.get("object-src")).toEqual(["'none'"]);
    expect(policy.get("base-uri")).toEqual(["'self'"]);
    expect(policy.get("form-action")).toEqual(["'self'"]);
    expect(policy.get("frame-src")).toEqual(["'none'"]);
    expect(policy.get("connect-src")).toEqual(["'self'"]);
    expect(policy.has("upgrade-insecure-requests")).toBe(false);
    expect([...policy.values()].flat().join(" ")).not.toContain("plaid.com");
  });

  it("allows Plaid's Link script, frame and API only with real Plaid", () => {
    const policy = parse(
      contentSecurityPolicy({ ...base, plaid: { mode: "production", apiOrigin: "https://production.plaid.com" } }),
    );
    expect(policy.get("script-src")).toContain("https://cdn.plaid.com/link/v2/stable/link-initialize.js");
    expect(policy.get("frame-src")).toEqual(["https://cdn.plaid.com"]);
    expect(policy.get("connect-src")).toEqual(["'self'", "https://production.plaid.com"]);
  });

  it("lets the Link stand-in reach an emulator on another origin", () => {
    const policy = parse(
      contentSecurityPolicy({ ...base, plaid: { mode: "emulator", emulatorOrigin: "http://127.0.0.1:4010" } }),
    );
    expect(policy.get("connect-src")).toEqual(["'self'", "http://127.0.0.1:4010"]);
  });

  it("adds eval for the development build only, and upgrades requests over https", () => {
    expect(parse(contentSecurityPolicy({ ...base, development: true })).get("script-src")).toContain("'unsafe-eval'");
    expect(parse(contentSecurityPolicy({ ...base, https: true })).has("upgrade-insecure-requests")).toBe(true);
  });
});

describe("createNonce and transportSecurity", () => {
  it("makes a different 128-bit nonce each time", () => {
    const nonces = new Set(Array.from({ length: 50 }, createNonce));
    expect(nonces.size).toBe(50);
    for (const nonce of nonces) expect(Buffer.from(nonce, "base64")).toHaveLength(16);
  });

  it("sends HSTS over https only", () => {
    expect(transportSecurity(true)).toEqual({ "Strict-Transport-Security": "max-age=63072000; includeSubDomains" });
    expect(transportSecurity(false)).toEqual({});
  });
});
