import { describe, expect, it } from "vitest";
import { linkLanguageFor } from "./link-language";

describe("linkLanguageFor", () => {
  it.each([
    ["en-US", "en"],
    ["fr-CA", "fr"],
    ["es_ES", "es"],
    ["NL", "nl"],
    ["de-DE", "de"],
    ["nb-NO", "no"],
    ["zh-CN", "en"],
    ["", "en"],
    [null, "en"],
  ])("maps %j to Link's %j", (locale, language) => {
    expect(linkLanguageFor(locale)).toBe(language);
  });
});
