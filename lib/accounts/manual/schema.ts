// The manual-account forms as zod schemas: field names are the form's, so errors land on the right
// field. Amounts stay strings until lib/money turns them into decimals.
import { z } from "zod";
import { isUuid } from "@/lib/db/vocabulary";
import { currencyField } from "@/lib/preferences";
import { freeTextSchema } from "@/lib/text/free-text";
import { isManualKind } from "./kinds";

export const NAME_MAX = 100;

const accountIdField = z.string().refine(isUuid, "This account does not exist.");

// A signed amount: an overdrawn checking account is negative; a card or loan holds what is owed.
const SIGNED_AMOUNT = /^-?\d{1,13}(?:\.\d{1,2})?$/;
const balanceField = z
  .string({ error: "Enter a balance, like 1250.00." })
  .trim()
  .transform((value) => value.replace(/,/g, ""))
  .refine((value) => SIGNED_AMOUNT.test(value), "Enter a balance like 1250.00 or -40.25 (two decimals at most).");

const DAY = /^\d{4}-\d{2}-\d{2}$/;
/** A calendar day (an <input type="date">), as midnight UTC; never in the future. */
const dayField = z
  .string({ error: "Enter a date." })
  .trim()
  .refine((value) => DAY.test(value) && !Number.isNaN(Date.parse(`${value}T00:00:00Z`)), "Enter a date.")
  .transform((value) => new Date(`${value}T00:00:00Z`))
  .refine((date) => date.getTime() <= Date.now(), "The date cannot be in the future.");

const nameField = freeTextSchema({ max: NAME_MAX, required: "Enter a name." });

/** "depository/checking": one select names both, so a subtype always belongs to its type. */
const kindField = z.string({ error: "Choose a kind of account." }).transform((value, ctx) => {
  const [type = "", subtype = ""] = value.split("/");
  if (!isManualKind(type, subtype)) {
    ctx.addIssue({ code: "custom", message: "Choose a kind of account from the list." });
    return z.NEVER;
  }
  return { type, subtype };
});

export const createManualAccountSchema = z.object({
  name: nameField,
  kind: kindField,
  currency: currencyField,
  openingBalance: balanceField,
  openingDate: dayField,
});

export const editManualAccountSchema = z.object({
  accountId: accountIdField,
  name: nameField,
  kind: kindField,
  openingBalance: balanceField,
  openingDate: dayField,
});

export const manualBalanceSchema = z.object({
  accountId: accountIdField,
  balance: balanceField,
  /** Blank: now. */
  asOf: z.union([z.literal("").transform(() => undefined), dayField]).optional(),
});

export const manualAccountIdSchema = z.object({ accountId: accountIdField });

export type CreateManualAccountInput = z.infer<typeof createManualAccountSchema>;
export type EditManualAccountInput = z.infer<typeof editManualAccountSchema>;
