// OFX and QFX statements (QFX is OFX with Intuit's extra tags) read with ofx-js, which takes both the
// SGML of OFX 1.x and the XML of OFX 2.x. Bank and credit card statements; OFX's sign (negative =
// money out) is turned into Plaid's (positive = money out).
import "server-only";
import { parseSync } from "ofx-js";
import { toMoney } from "@/lib/money/decimal";
import { invalidFile, type StatementLine, utcDay } from "./line";

type OfxNode = Record<string, unknown>;

const asList = (value: unknown): unknown[] => (value === undefined ? [] : Array.isArray(value) ? value : [value]);
const isNode = (value: unknown): value is OfxNode => typeof value === "object" && value !== null;
const text = (value: unknown): string => (typeof value === "string" ? value.trim() : "");

export function looksLikeOfx(content: string): boolean {
  return /^\s*(?:OFXHEADER:|<\?xml[^>]*>\s*<\?OFX)/i.test(content) || /<OFX>/i.test(content.slice(0, 4096));
}

export type OfxStatement = { currency: string | null; lines: StatementLine[] };

export function readOfx(content: string): OfxStatement {
  let ofx: unknown;
  try {
    ofx = parseSync(content).OFX;
  } catch (error) {
    throw invalidFile(
      `This OFX file could not be read: ${error instanceof Error ? error.message : "it is malformed"}.`,
    );
  }
  if (!isNode(ofx)) throw invalidFile("This is not an OFX file: it has no <OFX> section.");
  const statements = [
    ...asList(isNode(ofx.BANKMSGSRSV1) ? ofx.BANKMSGSRSV1.STMTTRNRS : undefined).map((r) => isNode(r) && r.STMTRS),
    ...asList(isNode(ofx.CREDITCARDMSGSRSV1) ? ofx.CREDITCARDMSGSRSV1.CCSTMTTRNRS : undefined).map(
      (r) => isNode(r) && r.CCSTMTRS,
    ),
  ].filter(isNode);
  if (statements.length === 0) throw invalidFile("This OFX file holds no bank or credit card statement.");
  if (statements.length > 1) {
    throw invalidFile("This OFX file holds statements of several accounts; import one account's file at a time.");
  }
  const [statement] = statements as [OfxNode];
  const list = isNode(statement.BANKTRANLIST) ? statement.BANKTRANLIST : {};
  const lines = asList(list.STMTTRN).map((entry, index) => toLine(entry, index + 1));
  return { currency: text(statement.CURDEF) || null, lines };
}

function toLine(entry: unknown, number: number): StatementLine {
  const where = `Transaction ${number} of the OFX file`;
  if (!isNode(entry)) throw invalidFile(`${where} is empty.`);
  const posted = /^(\d{4})(\d{2})(\d{2})/.exec(text(entry.DTPOSTED));
  const date = posted ? utcDay(Number(posted[1]), Number(posted[2]), Number(posted[3])) : null;
  if (!date) throw invalidFile(`${where}, DTPOSTED: "${text(entry.DTPOSTED)}" is not a date.`);
  const rawAmount = text(entry.TRNAMT);
  let amount: ReturnType<typeof toMoney>;
  try {
    // Some European banks write the decimal comma.
    amount = toMoney(rawAmount.replace(",", ".")).negated();
  } catch {
    throw invalidFile(`${where}, TRNAMT: "${rawAmount}" is not an amount.`);
  }
  const payee = isNode(entry.PAYEE) ? text(entry.PAYEE.NAME) : "";
  const name = text(entry.NAME) || payee || text(entry.MEMO);
  if (!name) throw invalidFile(`${where} has no NAME, PAYEE or MEMO to describe it.`);
  return { date, amount: amount.isZero() ? amount.abs() : amount, name: name.replace(/\s+/g, " ") };
}
