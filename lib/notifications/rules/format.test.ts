import { describe, expect, it } from "vitest";
import { accountDisplayName } from "./format";

describe("accountDisplayName", () => {
  it("uses the alias, else the name, with the last digits when known", () => {
    expect(accountDisplayName({ name: "Plaid Checking", mask: "0000" })).toBe("Plaid Checking ••0000");
    expect(accountDisplayName({ name: "Plaid Checking", alias: "Bills", mask: "0000" })).toBe("Bills ••0000");
    expect(accountDisplayName({ name: "Plaid Checking", alias: " ", mask: null })).toBe("Plaid Checking");
  });
});
