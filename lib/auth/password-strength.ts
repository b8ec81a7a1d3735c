// How guessable a new password is, by zxcvbn-ts (Dropbox's estimator, kept as TypeScript): dictionaries
// of common passwords, names and words, keyboard patterns, repeats and sequences. Length alone let
// "aaaaaaaaaa" and "1234567890" through. The dictionaries load on first use, on the server only.
import "server-only";
import { ZxcvbnFactory } from "@zxcvbn-ts/core";
import { adjacencyGraphs, dictionary as commonWords } from "@zxcvbn-ts/language-common";
import { dictionary as englishWords, translations } from "@zxcvbn-ts/language-en";

/** zxcvbn's scale: 3 is "safely unguessable" (about 10^8 guesses or more). */
export const MIN_PASSWORD_SCORE = 3;

let checker: ZxcvbnFactory | undefined;

function zxcvbn(): ZxcvbnFactory {
  checker ??= new ZxcvbnFactory({
    translations,
    graphs: adjacencyGraphs,
    dictionary: { ...commonWords, ...englishWords },
    useLevenshteinDistance: true,
  });
  return checker;
}

/**
 * Why `password` is too easy to guess, with zxcvbn's advice, or null when it is strong enough. `related`
 * are things an attacker knows about the person (their email, name), which count as guessable too.
 */
export function passwordWeakness(password: string, related: string[] = []): string | null {
  const result = zxcvbn().check(password, related.filter(Boolean));
  if (result.score >= MIN_PASSWORD_SCORE) return null;
  const { warning, suggestions } = result.feedback;
  return ["This password is too easy to guess.", warning, ...suggestions]
    .filter((part): part is string => Boolean(part))
    .map((part) => (/[.!?]$/.test(part) ? part : `${part}.`))
    .join(" ");
}
