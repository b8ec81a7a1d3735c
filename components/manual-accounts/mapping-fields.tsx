"use client";
// Which CSV column holds what: the date (and how it is written), the description, and the amount, as
// one signed column or as separate money-out and money-in columns.
import { useState } from "react";
import { Field, INPUT_CLASS } from "@/components/ui/field";
import type { CsvMapping } from "@/lib/accounts/manual";
import { DATE_FORMATS } from "@/lib/accounts/manual/statement/date-formats";

function Select({
  id,
  label,
  options,
  value,
  hint,
}: {
  id: string;
  label: string;
  options: { value: string; label: string }[];
  value: string | number | undefined;
  hint?: string;
}) {
  return (
    <Field id={id} label={label} hint={hint} validated={false}>
      {(control) => (
        <select
          {...control}
          name={id}
          defaultValue={value === undefined ? undefined : String(value)}
          className={INPUT_CLASS}
        >
          {options.map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}

export function MappingFields({ headers, mapping }: { headers: string[]; mapping: CsvMapping }) {
  const [mode, setMode] = useState(mapping.amountMode);
  const columns = headers.map((header, index) => ({ value: String(index), label: header }));
  return (
    <fieldset className="space-y-4 rounded-xl border border-slate-200 p-4 dark:border-slate-800">
      <legend className="px-1 font-semibold">Columns</legend>
      <div className="grid gap-4 sm:grid-cols-2">
        <Select id="dateColumn" label="Date" options={columns} value={mapping.dateColumn} />
        <Select
          id="dateFormat"
          label="Date format"
          options={DATE_FORMATS.map((format) => ({ value: format, label: format }))}
          value={mapping.dateFormat}
        />
        <Select id="descriptionColumn" label="Description" options={columns} value={mapping.descriptionColumn} />
        <Select
          id="decimalSeparator"
          label="Decimal separator"
          options={[
            { value: ".", label: "Point (1,234.56)" },
            { value: ",", label: "Comma (1.234,56)" },
          ]}
          value={mapping.decimalSeparator}
        />
      </div>
      <fieldset className="space-y-2">
        <legend className="text-sm font-medium">Amounts</legend>
        {(
          [
            ["signed", "One amount column"],
            ["split", "Separate money-out and money-in columns"],
          ] as const
        ).map(([value, label]) => (
          <label key={value} className="flex min-h-6 items-center gap-2 text-sm">
            <input
              type="radio"
              name="amountMode"
              value={value}
              checked={mode === value}
              onChange={() => setMode(value)}
              className="size-6 shrink-0 accent-brand-600"
            />
            {label}
          </label>
        ))}
      </fieldset>
      {mode === "signed" ? (
        <div className="grid gap-4 sm:grid-cols-2">
          <Select
            id="amountColumn"
            label="Amount"
            options={columns}
            value={mapping.amountColumn ?? headers.length - 1}
          />
          <Select
            id="positiveMeans"
            label="A positive amount is"
            options={[
              { value: "in", label: "Money in (payments out are negative)" },
              { value: "out", label: "Money out (payments in are negative)" },
            ]}
            value={mapping.positiveMeans}
          />
        </div>
      ) : (
        <div className="grid gap-4 sm:grid-cols-2">
          <Select id="debitColumn" label="Money out (debit)" options={columns} value={mapping.debitColumn ?? 0} />
          <Select id="creditColumn" label="Money in (credit)" options={columns} value={mapping.creditColumn ?? 0} />
        </div>
      )}
    </fieldset>
  );
}
