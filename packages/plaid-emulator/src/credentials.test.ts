import { describe, expect, it } from "vitest";
import { checkSandboxCredentials, isDynamicTransactionsUser } from "./credentials.ts";

const outcome = (username: string, password: string) => {
  try {
    checkSandboxCredentials({ username, password });
    return "linked";
  } catch (error) {
    return (error as { code: string }).code;
  }
};

describe("sandbox credentials", () => {
  it("link user_good and user_transactions_dynamic with pass_good only", () => {
    expect(outcome("user_good", "pass_good")).toBe("linked");
    expect(outcome("user_transactions_dynamic", "pass_good")).toBe("linked");
    expect(outcome("user_good", "pass_bad")).toBe("INVALID_CREDENTIALS");
    expect(outcome("someone", "pass_good")).toBe("INVALID_CREDENTIALS");
    expect(isDynamicTransactionsUser("user_transactions_dynamic")).toBe(true);
    expect(isDynamicTransactionsUser("user_good")).toBe(false);
  });

  it("fail with the login error an error_<CODE> password names", () => {
    expect(outcome("user_good", "error_ITEM_LOCKED")).toBe("ITEM_LOCKED");
    expect(outcome("user_good", "error_INSTITUTION_DOWN")).toBe("INSTITUTION_DOWN");
    expect(outcome("user_good", "error_INTERNAL_SERVER_ERROR")).toBe("INTERNAL_SERVER_ERROR");
    // Unknown codes, and codes no login can produce, are a wrong password.
    expect(outcome("user_good", "error_WHATEVER")).toBe("INVALID_CREDENTIALS");
    expect(outcome("user_good", "error_INVALID_BODY")).toBe("INVALID_CREDENTIALS");
  });
});
