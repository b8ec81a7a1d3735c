// Link's language from a person's locale: Plaid translates Link into a fixed set of languages, and
// falls back to nothing, so anything else is English.
const LINK_LANGUAGES = new Set([
  "da",
  "de",
  "en",
  "es",
  "et",
  "fr",
  "it",
  "ja",
  "lt",
  "lv",
  "nl",
  "no",
  "pl",
  "pt",
  "ro",
  "sv",
  "vi",
]);

// Norwegian Bokmål and Nynorsk are both Link's "no".
const ALIASES: Record<string, string> = { nb: "no", nn: "no" };

/** "fr-CA" → "fr", "nb-NO" → "no", "tlh" → "en". */
export function linkLanguageFor(locale: string | null | undefined): string {
  const primary = (locale ?? "").trim().toLowerCase().split(/[-_]/)[0] ?? "";
  const language = ALIASES[primary] ?? primary;
  return LINK_LANGUAGES.has(language) ? language : "en";
}
