// Text helpers the channels share: fitting a message into a size limit, and scrubbing credentials out of
// provider error text before it is stored or shown.
import "server-only";

const ELLIPSIS = "...";

/** `text` cut to at most `max` characters, ending in "..." when cut (ASCII, so SMS stays GSM-7). */
export function truncateText({ text, max }: { text: string; max: number }): string {
  const characters = Array.from(text);
  if (characters.length <= max) return text;
  return `${characters
    .slice(0, Math.max(0, max - ELLIPSIS.length))
    .join("")
    .trimEnd()}${ELLIPSIS}`;
}

/** Runs of spaces and tabs become one space, blank lines go, and the ends are trimmed. */
export function compactWhitespace(text: string): string {
  return text
    .split(/\r?\n/)
    .map((line) => line.replace(/[ \t\f\v]+/g, " ").trim())
    .filter(Boolean)
    .join("\n");
}

/** `text` with every secret (and its URL-encoded form) replaced, for error messages. */
export function redactSecrets({ text, secrets }: { text: string; secrets: (string | null | undefined)[] }): string {
  let redacted = text;
  for (const secret of secrets) {
    if (!secret) continue;
    for (const form of new Set([secret, encodeURIComponent(secret)])) {
      redacted = redacted.split(form).join("[redacted]");
    }
  }
  return redacted;
}

/** Provider text squeezed onto one short line for an error message. */
export function oneLine({ text, max = 200 }: { text: string; max?: number }): string {
  return truncateText({ text: text.replace(/\s+/g, " ").trim(), max });
}
