"use server";
// Manual accounts: add, edit, update the balance, delete, and import a statement. Each goes through
// authedAction (session, zod, then lib/accounts/manual, which checks ownership again); a balance that
// changed by hand runs the account's alert rules, as a sync does for a linked account.
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import type { StatementInspection } from "@/components/manual-accounts/statement-types";
import {
  createManualAccount,
  createManualAccountSchema,
  csvMappingSchema,
  deleteManualAccount,
  editManualAccount,
  editManualAccountSchema,
  importStatement,
  inspectStatement,
  manualAccountIdSchema,
  manualBalanceSchema,
  readStatementFile,
  recordManualBalance,
} from "@/lib/accounts/manual";
import { authedAction } from "@/lib/auth/action";
import { findOwnedAccount } from "@/lib/auth/ownership";
import { AppError } from "@/lib/errors";
import { getDisplay } from "@/lib/format/display";
import { notifyManualAccountAlerts } from "@/lib/notifications";

export const createManualAccountAction = authedAction(createManualAccountSchema, async (input, user) => {
  const { id } = await createManualAccount({ userId: user.id, input });
  await notifyManualAccountAlerts({ accountId: id });
  revalidatePath("/", "layout");
  redirect(`/accounts/${id}`);
});

export const editManualAccountAction = authedAction(editManualAccountSchema, async (input, user) => {
  await editManualAccount({ userId: user.id, input });
  await notifyManualAccountAlerts({ accountId: input.accountId });
  revalidatePath("/", "layout");
  return { ok: true, message: "Saved." };
});

export const recordManualBalanceAction = authedAction(
  manualBalanceSchema,
  async ({ accountId, balance, asOf }, user) => {
    const { changed } = await recordManualBalance({ userId: user.id, accountId, amount: balance, asOfDate: asOf });
    await notifyManualAccountAlerts({ accountId });
    revalidatePath("/", "layout");
    return { ok: true, message: changed ? "Balance updated." : "That is already the balance; nothing changed." };
  },
);

export const deleteManualAccountAction = authedAction(manualAccountIdSchema, async ({ accountId }, user) => {
  await deleteManualAccount({ userId: user.id, accountId });
  revalidatePath("/", "layout");
  redirect("/accounts");
});

const statementSchema = z.looseObject({
  accountId: z.string(),
  file: z.instanceof(File, { error: "Choose a statement file to import." }),
});

/** The mapping fields of the form when it has them (the first look at a CSV file has none). */
function mappingOf(input: Record<string, unknown>) {
  if (input.dateColumn === undefined) return undefined;
  const mapping = csvMappingSchema.safeParse(input);
  if (!mapping.success) throw new AppError("import:invalid_file", "Choose which column holds what, then try again.");
  return mapping.data;
}

/** Reads the file and answers with its preview (and for a CSV, its columns and mapping); writes nothing. */
export const inspectStatementAction = authedAction<typeof statementSchema, StatementInspection>(
  statementSchema,
  async (input, user) => {
    const account = await findOwnedAccount({ userId: user.id, accountId: input.accountId });
    if (!account) return { message: "This account does not exist." };
    const file = await readStatementFile(input.file);
    const inspection = inspectStatement(file, mappingOf(input));
    const display = await getDisplay({ userId: user.id });
    const preview = inspection.preview && {
      total: inspection.preview.total,
      lines: inspection.preview.lines.map((line) => ({
        date: display.calendarDate(line.date),
        name: line.name,
        // As the account sees it: money out is negative.
        amount: display.money(line.amount.negated(), account.isoCurrencyCode),
      })),
    };
    const data: StatementInspection =
      inspection.format === "ofx"
        ? { format: "ofx", preview, headers: [], mapping: null, problem: null }
        : {
            format: "csv",
            preview,
            headers: inspection.headers,
            mapping: inspection.mapping,
            problem: inspection.problem,
          };
    return { ok: true, data };
  },
);

export const importStatementAction = authedAction<typeof statementSchema, { imported: number; skipped: number }>(
  statementSchema,
  async (input, user) => {
    const file = await readStatementFile(input.file);
    const summary = await importStatement({
      userId: user.id,
      accountId: input.accountId,
      file,
      mapping: mappingOf(input),
    });
    // The import moved the balance (days since the last stated balance are worked forward).
    if (summary.imported > 0) await notifyManualAccountAlerts({ accountId: input.accountId });
    revalidatePath(`/accounts/${input.accountId}`);
    const skipped = summary.skipped === 1 ? "1 duplicate" : `${summary.skipped} duplicates`;
    return {
      ok: true,
      message: `Imported ${summary.imported} of ${summary.total} transactions; skipped ${skipped}.`,
      data: { imported: summary.imported, skipped: summary.skipped },
    };
  },
);
