import { describe, expect, it, vi } from "vitest";
import { type EmulatorErrorCode, ERROR_CATALOG, isCatalogCode } from "./error-catalog.ts";
import { buildPlaidError, EmulatorError, errorResponse } from "./errors.ts";
import { missingKeys, RESPONSE_KEYS } from "./response-keys.ts";

const codes = Object.keys(ERROR_CATALOG) as EmulatorErrorCode[];

describe("the error catalog", () => {
  it("builds Plaid's complete error object for every code", () => {
    for (const code of codes) {
      const error = buildPlaidError({ code, requestId: "AbCdEfGhIjKlMnO" });
      expect(missingKeys(error, RESPONSE_KEYS.PlaidError), code).toEqual([]);
      expect(error).toMatchObject({ error_code: code, error_code_reason: null, causes: [], suggested_action: null });
      expect(error.documentation_url).toMatch(/^https:\/\/plaid\.com\/docs\/errors\/[a-z-]+\/#[a-z_]+$/);
    }
  });

  it("gives each family Plaid's status", () => {
    for (const code of codes) {
      const { type, status } = ERROR_CATALOG[code];
      if (type === "RATE_LIMIT_EXCEEDED") expect(status, code).toBe(429);
      else if (type === "API_ERROR") expect([500, 503], code).toContain(status);
      else if (code !== "NOT_FOUND" && code !== "METHOD_NOT_ALLOWED") expect(status, code).toBe(400);
    }
    expect(isCatalogCode("ITEM_LOGIN_REQUIRED")).toBe(true);
    expect(isCatalogCode("toString")).toBe(false);
  });

  it("turns errors into responses with Retry-After, and anything else into a bare 500", async () => {
    const limited = errorResponse(new EmulatorError("RATE_LIMIT", { retryAfterSeconds: 3 }), "AbCdEfGhIjKlMnO");
    expect(limited.status).toBe(429);
    expect(limited.headers.get("retry-after")).toBe("3");
    const log = vi.spyOn(console, "error").mockImplementation(() => {});
    const crash = errorResponse(new Error("database exploded: secret detail"), "AbCdEfGhIjKlMnO");
    expect(log).toHaveBeenCalledOnce();
    log.mockRestore();
    expect(crash.status).toBe(500);
    const body = await crash.text();
    expect(body).toContain('"error_code":"INTERNAL_SERVER_ERROR"');
    expect(body).not.toContain("secret detail");
  });
});
