import { describe, expect, it, vi } from "vitest";

vi.mock("next/headers", () => ({
  headers: async () => {
    throw new Error("outside a request");
  },
}));

const { DEFAULT_LOCALE, getRequestLocale, pickLocale } = await import("./locale");

describe("pickLocale", () => {
  it.each([
    ["en-GB,en;q=0.9", "en-GB"],
    ["fr;q=0.5, de-de;q=0.9", "de-DE"],
    ["*;q=1, es-MX", "es-MX"],
    ["ja-JP", "ja-JP"],
    ["not a tag!, pt-BR;q=0.2", "pt-BR"],
    ["en;q=0", DEFAULT_LOCALE],
    ["", DEFAULT_LOCALE],
    [null, DEFAULT_LOCALE],
    [`${"x".repeat(300)}`, DEFAULT_LOCALE],
  ])("reads %j as %s", (header, expected) => {
    expect(pickLocale(header)).toBe(expected);
  });

  it("falls back outside a request", async () => {
    expect(await getRequestLocale()).toBe(DEFAULT_LOCALE);
  });
});
