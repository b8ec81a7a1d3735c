// The manual-account form's choices, labelled for people: "Depository · Money market".
import { MANUAL_KINDS } from "./kinds";

const capitalize = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);
const ACRONYMS = new Set(["cd", "ira", "401k"]);

export function manualKindChoices(): { value: string; label: string }[] {
  return MANUAL_KINDS.map(({ type, subtype }) => ({
    value: `${type}/${subtype}`,
    label: `${capitalize(type)} · ${ACRONYMS.has(subtype) ? subtype.toUpperCase() : capitalize(subtype)}`,
  }));
}

/** Today as YYYY-MM-DD (UTC), the latest day a form accepts. */
export function todayIso(now = new Date()): string {
  return now.toISOString().slice(0, 10);
}
