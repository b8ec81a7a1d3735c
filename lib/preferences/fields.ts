// One zod schema per kind of settings field, reading what a form posts (strings, absent checkboxes)
// and answering with the message a person sees beside the field. The form schemas in schema.ts use them.
import { z } from "zod";
import { type FreeTextOptions, freeTextProblem, normalizeFreeText } from "@/lib/text/free-text";
import { ACCOUNT_ICON_NAMES } from "./options";

export const ALIAS_MAX = 64;
export const NOTES_MAX = 2000;
export const TAG_MAX = 32;
export const TAGS_MAX = 10;

// Plain decimal notation: numeric(15,2) holds 13 digits before the point and 2 after.
const AMOUNT = /^\d+(?:\.\d+)?$/;
const HEX_COLOUR = /^#[0-9A-Fa-f]{6}$/;
const TAG = /^[\p{L}\p{N}][\p{L}\p{N} _&'.-]*$/u;

const text = z.string().trim().optional();

function fail(ctx: z.RefinementCtx, message: string) {
  ctx.addIssue({ code: "custom", message });
  return z.NEVER;
}

/** Text a person typed: NFC, trimmed, refused with its problem (lib/text/free-text.ts); blank is undefined. */
const freeText = (options?: FreeTextOptions) =>
  text.transform((value, ctx) => {
    if (value === undefined) return undefined;
    const normalized = normalizeFreeText(value).trim();
    const problem = freeTextProblem(normalized, options);
    return problem ? fail(ctx, problem) : normalized || undefined;
  });

/** A non-negative amount of money, as a string for Prisma.Decimal; blank is null. */
export const amountField = text.transform((value, ctx) => {
  const amount = value?.replace(/,/g, "") ?? "";
  if (amount === "") return null;
  if (amount.startsWith("-")) return fail(ctx, "Enter an amount of zero or more.");
  if (!AMOUNT.test(amount)) return fail(ctx, "Enter an amount like 250 or 250.00.");
  const [whole = "", cents = ""] = amount.split(".");
  if (cents.length > 2) return fail(ctx, "Use at most two decimal places.");
  if (whole.replace(/^0+(?=\d)/, "").length > 13) return fail(ctx, "Enter an amount below 10,000,000,000,000.");
  return amount;
});

/** ISO 4217, in capitals, and one this runtime's Intl knows (so amounts can be formatted in it). */
export const currencyField = z
  .string({ error: "Enter a currency code, like USD." })
  .trim()
  .transform((value, ctx) => {
    if (!/^[A-Z]{3}$/.test(value)) {
      return fail(ctx, "Enter a three-letter ISO 4217 code in capitals, like USD or EUR.");
    }
    if (!Intl.supportedValuesOf("currency").includes(value)) {
      return fail(ctx, `${value} is not an ISO 4217 currency code.`);
    }
    return value;
  });

/** The display currency: a code, or empty for none (totals stay in each account's currency). */
export const optionalCurrencyField = z.preprocess(
  (value) => (typeof value === "string" && value.trim() === "" ? null : value),
  currencyField.nullable(),
);

/** "#2E7D32"; blank is null (no colour). */
export const colourField = text.transform((value, ctx) => {
  if (!value) return null;
  if (!HEX_COLOUR.test(value)) return fail(ctx, "Enter a hex colour: # and six digits 0-9 or A-F, like #2E7D32.");
  return value.toUpperCase();
});

export const aliasField = freeText().transform((value, ctx) => {
  if (!value) return null;
  if (value.length > ALIAS_MAX) {
    return fail(ctx, `Use at most ${ALIAS_MAX} characters (this one has ${value.length}).`);
  }
  return value;
});

export const iconField = text.transform((value, ctx) => {
  if (!value) return null;
  if (!(ACCOUNT_ICON_NAMES as string[]).includes(value)) return fail(ctx, "Choose an icon from the list.");
  return value;
});

export const notesField = freeText({ multiline: true }).transform((value, ctx) => {
  if (!value) return null;
  if (value.length > NOTES_MAX) return fail(ctx, `Use at most ${NOTES_MAX.toLocaleString("en-US")} characters.`);
  return value;
});

/** "bills, Everyday ,bills" -> ["bills", "Everyday"]: empty entries dropped, repeats kept once. */
export const tagsField = freeText().transform((value, ctx) => {
  const tags: string[] = [];
  for (const tag of (value ?? "").split(",").map((entry) => entry.trim().replace(/\s+/g, " "))) {
    if (tag === "" || tags.some((kept) => kept.toLowerCase() === tag.toLowerCase())) continue;
    if (tag.length > TAG_MAX)
      return fail(ctx, `Keep each tag to ${TAG_MAX} characters: "${tag.slice(0, 20)}…" is longer.`);
    if (!TAG.test(tag)) {
      return fail(
        ctx,
        `Tags use letters, digits, spaces and - _ & ' . only, starting with a letter or digit: "${tag}".`,
      );
    }
    tags.push(tag);
  }
  if (tags.length > TAGS_MAX) return fail(ctx, `Use at most ${TAGS_MAX} tags.`);
  return tags;
});

/** A checkbox: present ("on") is true, absent is false. */
export const checkboxField = z
  .enum(["on", "true"], { error: "Tick or untick this box." })
  .optional()
  .transform((value) => value !== undefined);

/** An account's yes/no setting that may inherit: "inherit" is null. */
export const inheritedSwitchField = z
  .enum(["inherit", "on", "off"], { error: "Choose Inherit, On or Off." })
  .transform((value) => (value === "inherit" ? null : value === "on"));

/** An account's choice from a list that may inherit: "inherit" is null. */
export function inheritedChoiceField<const T extends readonly [string, ...string[]]>(values: T, message: string) {
  return z
    .enum(["inherit", ...values], { error: message })
    .transform((value) => (value === "inherit" ? null : (value as T[number])));
}
