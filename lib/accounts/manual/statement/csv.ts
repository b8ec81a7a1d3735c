// CSV statements read with csv-parse, then turned into lines by a mapping the person chose: which
// column is the date (and in which format), the description, and the amount (one signed column, or a
// debit and a credit column). A value that does not read names its row and column, and the whole file
// is refused.
import "server-only";
import { CsvError, parse } from "csv-parse/sync";
import { z } from "zod";
import { Prisma } from "@/lib/db";
import { toMoney } from "@/lib/money/decimal";
import { DATE_FORMATS, type DateFormat } from "./date-formats";
import { invalidFile, type StatementLine, utcDay } from "./line";

const column = z.coerce.number().int().min(0);
export const csvMappingSchema = z.object({
  dateColumn: column,
  dateFormat: z.enum(DATE_FORMATS),
  descriptionColumn: column,
  amountMode: z.enum(["signed", "split"]),
  /** signed: the one amount column, and whether a positive amount is money in or out. */
  amountColumn: column.optional(),
  positiveMeans: z.enum(["in", "out"]).default("in"),
  /** split: money out and money in, each in its own column. */
  debitColumn: column.optional(),
  creditColumn: column.optional(),
  decimalSeparator: z.enum([".", ","]).default("."),
});
export type CsvMapping = z.infer<typeof csvMappingSchema>;

export type CsvTable = {
  headers: string[];
  /** Data rows with the file line each starts on (a quoted field may span lines). */
  rows: { cells: string[]; line: number }[];
};

export function readCsv(content: string): CsvTable {
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(content, {
      bom: true,
      delimiter: detectDelimiter(content),
      info: true,
      skip_empty_lines: true,
      trim: true,
    }) as unknown as { record: string[]; info: { lines: number } }[];
  } catch (error) {
    const reason = error instanceof CsvError ? error.message : "it is malformed";
    throw invalidFile(`This CSV file could not be read: ${reason}.`);
  }
  const [head, ...body] = records;
  if (!head || head.record.every((cell) => cell === "")) throw invalidFile("This CSV file is empty.");
  if (body.length === 0) throw invalidFile("This CSV file has a header row but no transactions.");
  const headers = head.record.map((cell, index) => cell || `Column ${index + 1}`);
  return { headers, rows: body.map(({ record, info }) => ({ cells: record, line: info.lines })) };
}

/** The header row's separator: a comma, or a semicolon or tab where decimal commas are common. */
function detectDelimiter(content: string): string {
  const header = content.slice(0, content.search(/\r?\n|$/)).replace(/"[^"]*"/g, "");
  const count = (separator: string) => header.split(separator).length;
  return [";", "\t"].find((separator) => count(separator) > count(",")) ?? ",";
}

/** A first guess at the mapping from the header names and the first row, for the form to start from. */
export function guessMapping({ headers, rows }: CsvTable): CsvMapping {
  const find = (pattern: RegExp) => headers.findIndex((header) => pattern.test(header));
  const date = Math.max(find(/date|posted|booked/i), 0);
  const amount = find(/amount|value|sum/i);
  const debit = find(/debit|withdraw|paid out|money out/i);
  const credit = find(/credit|deposit|paid in|money in/i);
  const split = amount === -1 && debit !== -1 && credit !== -1;
  const description = find(/desc|payee|narrat|detail|memo|name|merchant/i);
  return {
    dateColumn: date,
    dateFormat: guessDateFormat(rows[0]?.cells[date] ?? ""),
    descriptionColumn: description === -1 ? Math.min(1, headers.length - 1) : description,
    amountMode: split ? "split" : "signed",
    amountColumn: split ? undefined : amount === -1 ? headers.length - 1 : amount,
    positiveMeans: "in",
    debitColumn: split ? debit : undefined,
    creditColumn: split ? credit : undefined,
    decimalSeparator: guessDecimalSeparator(rows.slice(0, 20).flatMap(({ cells }) => cells)),
  };
}

/** A decimal comma when some cell reads like "12,30" or "1.234,56" and none like "12.30" or "1,234.56". */
function guessDecimalSeparator(cells: string[]): "." | "," {
  const amounts = cells
    .map((cell) => cell.replace(/[\s\u00a0'$€£¥()+-]/g, ""))
    .filter((cell) => /^\d[\d.,]*$/.test(cell));
  const comma = amounts.some((cell) => /^\d{1,3}(?:\.\d{3})*,\d{1,2}$/.test(cell));
  const point = amounts.some((cell) => /^\d{1,3}(?:,\d{3})*\.\d{1,2}$/.test(cell) || /^\d+\.\d{1,2}$/.test(cell));
  return comma && !point ? "," : ".";
}

function guessDateFormat(sample: string): DateFormat {
  if (/^\d{4}\//.test(sample)) return "YYYY/MM/DD";
  if (/^\d{1,2}\.\d{1,2}\.\d{4}/.test(sample)) return "DD.MM.YYYY";
  const slashed = /^(\d{1,2})\/(\d{1,2})\/\d{4}/.exec(sample);
  if (slashed && Number(slashed[1]) > 12) return "DD/MM/YYYY";
  return slashed ? "MM/DD/YYYY" : "YYYY-MM-DD";
}

const DATE_PATTERNS: Record<DateFormat, { pattern: RegExp; order: [number, number, number] }> = {
  // order: the capture groups holding year, month and day
  "YYYY-MM-DD": { pattern: /^(\d{4})-(\d{1,2})-(\d{1,2})$/, order: [1, 2, 3] },
  "YYYY/MM/DD": { pattern: /^(\d{4})\/(\d{1,2})\/(\d{1,2})$/, order: [1, 2, 3] },
  "MM/DD/YYYY": { pattern: /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/, order: [3, 1, 2] },
  "DD/MM/YYYY": { pattern: /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/, order: [3, 2, 1] },
  "DD.MM.YYYY": { pattern: /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/, order: [3, 2, 1] },
};

/** A day in the chosen format; a time after it ("2026-11-05 10:30", "…T10:30:00Z") is ignored. */
export function parseDay(value: string, format: DateFormat): Date | null {
  const { pattern, order } = DATE_PATTERNS[format];
  const match = pattern.exec(value.trim().split(/[T\s]/)[0] ?? "");
  if (!match) return null;
  const [year, month, day] = order.map((group) => Number(match[group]));
  return utcDay(year as number, month as number, day as number);
}

/** "1,234.56", "-12.30", "(12.30)", "$ 12.30", "12,30" with a decimal comma; blank is null. */
export function parseAmount(value: string, decimalSeparator: "." | ","): Prisma.Decimal | null {
  let text = value.trim();
  if (text === "") return null;
  let negative = false;
  if (/^\(.*\)$/.test(text)) {
    negative = true;
    text = text.slice(1, -1);
  }
  text = text.replace(/[\s\u00a0'$€£¥]|\b[A-Z]{3}\b/g, "");
  if (text.endsWith("-")) {
    negative = !negative;
    text = text.slice(0, -1);
  }
  // The other mark may only group thousands: with a decimal point, "12,30" is not 1230.
  const group = decimalSeparator === "." ? "," : ".";
  const digits = text.replace(/^[+-]/, "");
  const grouped = decimalSeparator === "." ? /^\d{1,3}(?:,\d{3})+(?:\.\d+)?$/ : /^\d{1,3}(?:\.\d{3})+(?:,\d+)?$/;
  if (digits.includes(group) && !grouped.test(digits)) throw new Error("not an amount");
  text = text.split(group).join("").replace(decimalSeparator, ".");
  if (!/^[+-]?\d+(?:\.\d+)?$/.test(text)) throw new Error("not an amount");
  const amount = toMoney(text);
  return negative ? amount.negated() : amount;
}

export function toLines(table: CsvTable, mapping: CsvMapping): StatementLine[] {
  const width = table.headers.length;
  const used = [mapping.dateColumn, mapping.descriptionColumn];
  if (mapping.amountMode === "signed") used.push(requireColumn(mapping.amountColumn, "the amount"));
  else used.push(requireColumn(mapping.debitColumn, "money out"), requireColumn(mapping.creditColumn, "money in"));
  if (used.some((index) => index >= width)) throw invalidFile("The mapping names a column this file does not have.");
  return table.rows.map((row, index) => toLine(table.headers, row, index + 1, mapping));
}

function requireColumn(index: number | undefined, what: string): number {
  if (index === undefined) throw invalidFile(`Choose the column that holds ${what}.`);
  return index;
}

function toLine(headers: string[], { cells, line }: CsvTable["rows"][number], number: number, m: CsvMapping) {
  const cell = (index: number) => cells[index] ?? "";
  const where = (index: number) => `Row ${number} (line ${line}), column "${headers[index]}"`;
  const date = parseDay(cell(m.dateColumn), m.dateFormat);
  if (!date) {
    throw invalidFile(`${where(m.dateColumn)}: "${cell(m.dateColumn)}" is not a date in the format ${m.dateFormat}.`);
  }
  const name = cell(m.descriptionColumn).replace(/\s+/g, " ").trim();
  if (!name) throw invalidFile(`${where(m.descriptionColumn)}: the description is empty.`);
  const amountOf = (index: number) => {
    try {
      return parseAmount(cell(index), m.decimalSeparator);
    } catch {
      throw invalidFile(`${where(index)}: "${cell(index)}" is not an amount.`);
    }
  };
  let amount: Prisma.Decimal;
  if (m.amountMode === "signed") {
    const index = m.amountColumn as number;
    const value = amountOf(index);
    if (value === null) throw invalidFile(`${where(index)}: the amount is empty.`);
    // Plaid's sign: positive is money out.
    amount = m.positiveMeans === "in" ? value.negated() : value;
  } else {
    const out = amountOf(m.debitColumn as number);
    const into = amountOf(m.creditColumn as number);
    if (out === null && into === null) {
      throw invalidFile(
        `Row ${number} (line ${line}): neither "${headers[m.debitColumn as number]}" nor "${
          headers[m.creditColumn as number]
        }" has an amount.`,
      );
    }
    amount = (out ?? new Prisma.Decimal(0)).abs().minus((into ?? new Prisma.Decimal(0)).abs());
  }
  return { date, amount: amount.isZero() ? amount.abs() : amount, name };
}
