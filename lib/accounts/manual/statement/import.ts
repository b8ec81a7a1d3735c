// Importing a statement file into a manual account: read it (CSV through the person's mapping, or
// OFX/QFX), show what would be imported, then write it in one transaction. A line with the same day,
// amount and description as one already in the account is skipped and counted (as many times as the
// account holds it: repeated lines in one file are separate purchases). A bad file is refused whole:
// nothing is written.
import "server-only";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { lockManualAccount } from "../accounts";
import { afterManualChange } from "../after-change";
import { type CsvMapping, guessMapping, readCsv, toLines } from "./csv";
import { duplicateKey, invalidFile, PREVIEW_LINES, type StatementLine, type StatementPreview } from "./line";
import { looksLikeOfx, readOfx } from "./ofx";

/** The largest statement accepted (the server actions' body limit in next.config.js is above it). */
export const MAX_STATEMENT_BYTES = 5 * 1024 * 1024;

export type StatementFile = { name: string; content: string };

export type Inspection =
  | { format: "ofx"; preview: StatementPreview }
  | { format: "csv"; headers: string[]; mapping: CsvMapping; preview: StatementPreview | null; problem: string | null };

export type ImportSummary = { imported: number; skipped: number; total: number };

/** The text of an uploaded file, refused when it is empty, too large or not text. */
export async function readStatementFile(file: File): Promise<StatementFile> {
  if (file.size === 0) throw invalidFile("Choose a statement file to import.");
  if (file.size > MAX_STATEMENT_BYTES) {
    throw new AppError("import:too_large", "This file is larger than 5 MB. Import a shorter period at a time.");
  }
  const content = await file.text();
  if (content.includes("\u0000"))
    throw invalidFile("This is not a text file. Export the statement as CSV, OFX or QFX.");
  return { name: file.name, content };
}

function isOfx(file: StatementFile): boolean {
  return /\.(ofx|qfx)$/i.test(file.name) || looksLikeOfx(file.content);
}

/** What the file holds: OFX straight to its preview; CSV with its columns, a mapping and (if it reads) a preview. */
export function inspectStatement(file: StatementFile, mapping?: CsvMapping): Inspection {
  if (isOfx(file)) return { format: "ofx", preview: preview(readOfx(file.content).lines) };
  const table = readCsv(file.content);
  const chosen = mapping ?? guessMapping(table);
  try {
    return {
      format: "csv",
      headers: table.headers,
      mapping: chosen,
      preview: preview(toLines(table, chosen)),
      problem: null,
    };
  } catch (error) {
    // The columns still come back, so the person can fix the mapping that failed.
    if (error instanceof AppError && error.code === "import:invalid_file") {
      return { format: "csv", headers: table.headers, mapping: chosen, preview: null, problem: error.message };
    }
    throw error;
  }
}

function preview(lines: StatementLine[]): StatementPreview {
  return { lines: lines.slice(0, PREVIEW_LINES), total: lines.length };
}

/** Every line of the file, or an error naming the first bad row and column. */
export function readStatement(
  file: StatementFile,
  mapping?: CsvMapping,
): { lines: StatementLine[]; currency: string | null } {
  if (isOfx(file)) return readOfx(file.content);
  if (!mapping) throw invalidFile("Choose which column holds what before importing a CSV file.");
  return { lines: toLines(readCsv(file.content), mapping), currency: null };
}

export async function importStatement({
  userId,
  accountId,
  file,
  mapping,
}: {
  userId: string;
  accountId: string;
  file: StatementFile;
  mapping?: CsvMapping;
}): Promise<ImportSummary> {
  const { lines, currency } = readStatement(file, mapping);
  if (lines.length === 0) throw invalidFile("This file holds no transactions.");
  const summary = await db.$transaction(
    async (tx) => {
      const account = await lockManualAccount(tx, { userId, accountId });
      if (currency && currency !== account.isoCurrencyCode) {
        throw invalidFile(`This statement is in ${currency}, but the account is in ${account.isoCurrencyCode}.`);
      }
      // A loop, not Math.min(...days): a 5 MB file can hold more lines than a call takes arguments.
      let first = Number.POSITIVE_INFINITY;
      let last = Number.NEGATIVE_INFINITY;
      for (const line of lines) {
        first = Math.min(first, line.date.getTime());
        last = Math.max(last, line.date.getTime());
      }
      const existing = await tx.transaction.findMany({
        where: { bankAccountId: account.id, date: { gte: new Date(first), lte: new Date(last) } },
        select: { date: true, amount: true, name: true },
      });
      // As many of a line as the account already holds are duplicates; more are new (two coffees on
      // one day are two purchases). Importing the same file again thus imports nothing.
      const held = new Map<string, number>();
      for (const row of existing) held.set(duplicateKey(row), (held.get(duplicateKey(row)) ?? 0) + 1);
      const fresh = lines.filter((line) => {
        const key = duplicateKey(line);
        const count = held.get(key) ?? 0;
        if (count === 0) return true;
        held.set(key, count - 1);
        return false;
      });
      // One statement whatever the file's length (as the sync writes its pages): three arrays unnested.
      if (fresh.length > 0) {
        await tx.$executeRaw`
          INSERT INTO transactions (bank_account_id, transaction_id, amount, iso_currency_code, date, name, pending)
          SELECT ${account.id}::uuid, 'import-' || gen_random_uuid(), line.amount, ${account.isoCurrencyCode}, line.day,
                 line.name, false
          FROM unnest(${fresh.map((line) => line.amount.toFixed(2))}::numeric[],
                      ${fresh.map((line) => line.date.toISOString().slice(0, 10))}::date[],
                      ${fresh.map((line) => line.name)}::text[]) AS line(amount, day, name)`;
      }
      if (fresh.length > 0) await afterManualChange(tx, account.id);
      return { imported: fresh.length, skipped: lines.length - fresh.length, total: lines.length };
    },
    { timeout: 60_000 },
  );
  return summary;
}
