// What a manual account can be: the schema's account types (lib/db/vocabulary.ts) and, for each, the
// subtypes the demo seed uses (scripts/seed/catalog.ts), which are Plaid's own names for them.
import type { AccountType } from "@/lib/db/vocabulary";

export const MANUAL_SUBTYPES = {
  depository: ["checking", "savings", "cd", "money market"],
  credit: ["credit card"],
  loan: ["student", "mortgage"],
  investment: ["ira", "401k"],
  other: ["other"],
} as const satisfies Record<AccountType, readonly string[]>;

/** Every (type, subtype) pair, in the order the form offers them. */
export const MANUAL_KINDS: { type: AccountType; subtype: string }[] = Object.entries(MANUAL_SUBTYPES).flatMap(
  ([type, subtypes]) => subtypes.map((subtype) => ({ type: type as AccountType, subtype })),
);

export function isManualKind(type: string, subtype: string): boolean {
  return MANUAL_KINDS.some((kind) => kind.type === type && kind.subtype === subtype);
}

/** Where a manual account is "held", in place of a bank's name. */
export const MANUAL_INSTITUTION_NAME = "Manual account";

/** The account_id a manual account carries (chk_bank_accounts_manual): unique, never a Plaid id. */
export function manualAccountKey(id: string): string {
  return `manual-${id}`;
}
