// The audit's bad input: NUL bytes, zero-width-only aliases, a right-to-left override, control characters.
import { describe, expect, it } from "vitest";
import { freeTextProblem, normalizeFreeText } from "./free-text";

describe("freeTextProblem", () => {
  it("takes ordinary text in any script, emoji included", () => {
    for (const value of ["Everyday", "Épargne logement", "家計簿", "Joint 👩‍❤️‍👨 savings", "O'Brien & Co. – 2026", ""]) {
      expect(freeTextProblem(value), value).toBeNull();
    }
  });

  it.each([
    ["a NUL byte", "Savings\u0000"],
    ["a tab", "Savings\tplus"],
    ["a line break", "Savings\nplus"],
    ["an escape", "\u001b[31mred"],
    ["DEL", "abc\u007f"],
    ["a C1 control", "abc\u0085"],
  ])("refuses %s in a one-line field", (_what, value) => {
    expect(freeTextProblem(value)).toMatch(/^Remove the control characters/);
  });

  it("lets notes keep line breaks and tabs, but not NUL", () => {
    expect(freeTextProblem("line one\nline two\r\n\tindented", { multiline: true })).toBeNull();
    expect(freeTextProblem("note\u0000", { multiline: true })).toMatch(/^Remove the control characters/);
  });

  it.each([
    ["a right-to-left override", "invoice\u202Egpj.exe"],
    ["a left-to-right embedding", "\u202Aabc"],
    ["an isolate", "abc\u2067def\u2069"],
  ])("refuses %s", (_what, value) => {
    expect(freeTextProblem(value)).toBe("Remove the text-direction override characters from this text.");
  });

  it.each([
    ["zero-width spaces", "\u200B\u200B\u200B"],
    ["a zero-width joiner and a BOM", "\u200D\uFEFF"],
    ["a soft hyphen", "\u00AD"],
  ])("refuses only %s", (_what, value) => {
    expect(freeTextProblem(value)).toBe("Enter some visible text, or leave this empty.");
  });
});

describe("normalizeFreeText", () => {
  it("stores one form of the same text", () => {
    expect(normalizeFreeText("Cafe\u0301")).toBe("Café");
    expect(normalizeFreeText("a\r\nb\rc")).toBe("a\nb\nc");
  });
});
