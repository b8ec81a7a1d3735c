// The audit's passwords "aaaaaaaaaa" and "1234567890" passed the length check; they, common passwords and
// the person's own email are refused with zxcvbn's advice, and a long passphrase passes.
import { describe, expect, it } from "vitest";
import { passwordWeakness } from "./password-strength";

describe("passwordWeakness", () => {
  it.each(["aaaaaaaaaa", "1234567890", "password123", "qwertyuiop", "Password2026!"])(
    "refuses %j",
    async (password) => {
      expect(await passwordWeakness(password)).toMatch(/^This password is too easy to guess\./);
    },
  );

  it("refuses the person's own email or name as a password", async () => {
    expect(await passwordWeakness("jane.doe.smith", ["jane.doe.smith@example.com", "Jane Doe Smith"])).toMatch(
      /^This password is too easy to guess\./,
    );
  });

  it.each(["correct horse battery", "violet-kettle-orbit-55", "Tr4in at 6:42 to Kyoto?"])(
    "takes %j",
    async (password) => {
      expect(await passwordWeakness(password)).toBeNull();
    },
  );
});
