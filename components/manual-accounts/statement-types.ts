// What the import form gets back from reading a statement: for a CSV file its columns and the mapping
// to start from, and for either format the first lines as they will be imported, ready to show.
import type { CsvMapping } from "@/lib/accounts/manual";

export type PreviewLine = { date: string; name: string; amount: string };

export type StatementInspection = {
  format: "csv" | "ofx";
  preview: { total: number; lines: PreviewLine[] } | null;
  headers: string[];
  mapping: CsvMapping | null;
  /** Why the mapping does not read yet (a row and column), for the person to change it. */
  problem: string | null;
};
