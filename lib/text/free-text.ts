// The one rule for text people type into Mingus (aliases, notes, tags, names, searches): normalised to
// NFC, and refused with a message that says why when it holds a control character (a NUL byte cut
// CSV downloads short), a bidirectional override or isolate (which can make "gpj.exe" read "exe.jpg"
// in an email subject), or nothing visible at all (only zero-width characters).
import { z } from "zod";

// C0 and C1 controls and DEL; multi-line fields keep line breaks and tabs.
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what this finds
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/u;
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what this finds
const CONTROL_EXCEPT_LINES = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/u;
// LRE, RLE, PDF, LRO, RLO and LRI, RLI, FSI, PDI.
const BIDI_CONTROL = /[\u202a-\u202e\u2066-\u2069]/u;
// What renders as nothing: white space and the default-ignorable code points (zero-width space and
// joiners, the BOM, soft hyphens, variation selectors...).
const INVISIBLE = /^[\s\p{Default_Ignorable_Code_Point}]*$/u;

export type FreeTextOptions = {
  /** Notes: line breaks and tabs are allowed. */
  multiline?: boolean;
};

/** Why `value` cannot be stored as typed, as a message for the person; null when it can. */
export function freeTextProblem(value: string, { multiline = false }: FreeTextOptions = {}): string | null {
  if ((multiline ? CONTROL_EXCEPT_LINES : CONTROL).test(value)) {
    return multiline
      ? "Remove the control characters (like a NUL byte) from this text."
      : "Remove the control characters (like a tab, a line break or a NUL byte) from this text.";
  }
  if (BIDI_CONTROL.test(value)) return "Remove the text-direction override characters from this text.";
  if (value !== "" && INVISIBLE.test(value)) return "Enter some visible text, or leave this empty.";
  return null;
}

/** `value` in Unicode NFC with line breaks as \n, so the same text is always stored the same way. */
export function normalizeFreeText(value: string): string {
  return value.normalize("NFC").replace(/\r\n?/g, "\n");
}

/**
 * A form field of free text: normalised, trimmed, at most `max` characters, refused with its problem.
 * `required` is the message for an empty value; without it, empty is allowed ("").
 */
export function freeTextSchema({ max, required, multiline }: { max: number; required?: string; multiline?: boolean }) {
  return z
    .string(required ? { error: required } : undefined)
    .transform((value) => normalizeFreeText(value).trim())
    .superRefine((value, ctx) => {
      const issue = (message: string) => ctx.addIssue({ code: "custom", message });
      if (value === "") {
        if (required) issue(required);
        return;
      }
      if (value.length > max) return issue(`Use at most ${max} characters.`);
      const problem = freeTextProblem(value, { multiline });
      if (problem) issue(problem);
    });
}
