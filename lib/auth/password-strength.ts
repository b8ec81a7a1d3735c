// How guessable a new password is, by zxcvbn-ts (Dropbox's estimator, kept as TypeScript): dictionaries
// of common passwords, names and words, keyboard patterns, repeats and sequences. Length alone let
// "aaaaaaaaaa" and "1234567890" through. The dictionaries (a few MB once parsed) load on first use, on
// the server only: imported when a password is first checked, so a web server that signs people in and
// serves pages never holds them (issue 18's memory budget).
import "server-only";
import type { ZxcvbnFactory } from "@zxcvbn-ts/core";

/** zxcvbn's scale: 3 is "safely unguessable" (about 10^8 guesses or more). */
export const MIN_PASSWORD_SCORE = 3;

let checker: Promise<ZxcvbnFactory> | undefined;

function zxcvbn(): Promise<ZxcvbnFactory> {
  checker ??= (async () => {
    const [{ ZxcvbnFactory }, common, english] = await Promise.all([
      import("@zxcvbn-ts/core"),
      import("@zxcvbn-ts/language-common"),
      import("@zxcvbn-ts/language-en"),
    ]);
    return new ZxcvbnFactory({
      translations: english.translations,
      graphs: common.adjacencyGraphs,
      dictionary: { ...common.dictionary, ...english.dictionary },
      useLevenshteinDistance: true,
    });
  })();
  // A failed load is tried again by the next check rather than remembered.
  checker.catch(() => {
    checker = undefined;
  });
  return checker;
}

/**
 * Why `password` is too easy to guess, with zxcvbn's advice, or null when it is strong enough. `related`
 * are things an attacker knows about the person (their email, name), which count as guessable too.
 */
export async function passwordWeakness(password: string, related: string[] = []): Promise<string | null> {
  const result = (await zxcvbn()).check(password, related.filter(Boolean));
  if (result.score >= MIN_PASSWORD_SCORE) return null;
  const { warning, suggestions } = result.feedback;
  return ["This password is too easy to guess.", warning, ...suggestions]
    .filter((part): part is string => Boolean(part))
    .map((part) => (/[.!?]$/.test(part) ? part : `${part}.`))
    .join(" ");
}
