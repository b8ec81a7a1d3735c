// The first lines of a statement as they will be imported: day, description and amount (money out
// negative), and how many lines the file holds in all.
import { ColumnHeader, DataTable, RowHeader, TableBody } from "@/components/ui/data-table";
import type { StatementInspection } from "./statement-types";

export function PreviewTable({ preview }: { preview: NonNullable<StatementInspection["preview"]> }) {
  return (
    <section aria-labelledby="import-preview" className="space-y-2">
      <h2 id="import-preview" className="font-semibold">
        Preview
      </h2>
      <p className="text-sm text-slate-600 dark:text-slate-400">
        The first {preview.lines.length} of {preview.total} transactions, as they will be imported. Any already in the
        account are skipped.
      </p>
      <DataTable
        label="Preview"
        caption="Transactions to import"
        columns={
          <>
            <ColumnHeader>Date</ColumnHeader>
            <ColumnHeader>Description</ColumnHeader>
            <ColumnHeader numeric>Amount</ColumnHeader>
          </>
        }
      >
        <TableBody>
          {preview.lines.map((line, index) => (
            // Lines have no id yet; their order is the file's.
            // biome-ignore lint/suspicious/noArrayIndexKey: the preview never reorders.
            <tr key={index}>
              <RowHeader>{line.date}</RowHeader>
              <td className="px-3 py-2">{line.name}</td>
              <td className="px-3 py-2 text-right whitespace-nowrap tabular-nums">{line.amount}</td>
            </tr>
          ))}
        </TableBody>
      </DataTable>
    </section>
  );
}
