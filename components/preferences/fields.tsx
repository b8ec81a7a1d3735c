// The settings forms' controls, bound to a SettingsForm by name: each a components/ui Field (label,
// hint, and its error linked and announced) around the form's current value.
import { CHECKBOX_CLASS, Field, INPUT_CLASS } from "@/components/ui/field";
import type { SettingsForm } from "./use-settings-form";

interface FieldProps {
  form: SettingsForm;
  name: string;
  label: string;
  hint?: string;
}

export function Section({
  title,
  description,
  children,
}: {
  title: string;
  description?: string;
  children: React.ReactNode;
}) {
  return (
    <fieldset className="min-w-0 rounded-xl border border-slate-200 px-4 pt-1 pb-5 sm:px-6 dark:border-slate-800">
      <legend className="px-1 text-base font-semibold">{title}</legend>
      {description ? <p className="text-sm text-slate-600 dark:text-slate-400">{description}</p> : null}
      <div className="mt-4 space-y-4">{children}</div>
    </fieldset>
  );
}

export function TextInput({
  form,
  name,
  label,
  hint,
  list,
  inputMode,
  className,
  children,
}: FieldProps & { list?: string; inputMode?: "decimal" | "text"; className?: string; children?: React.ReactNode }) {
  return (
    <Field id={name} label={label} hint={hint} errors={form.errors(name)}>
      {(control) => (
        <div className="flex items-center gap-2">
          <input
            {...control}
            name={name}
            type="text"
            list={list}
            inputMode={inputMode}
            value={form.values[name] ?? ""}
            onChange={(event) => form.set(name, event.target.value)}
            className={`${INPUT_CLASS} ${className ?? ""}`}
          />
          {children}
        </div>
      )}
    </Field>
  );
}

export function SelectInput({
  form,
  name,
  label,
  hint,
  options,
  note,
}: FieldProps & {
  options: readonly { value: string; label: string }[];
  /** Under the select, with the id `${name}-source` (where an inherited value comes from). */
  note?: React.ReactNode;
}) {
  return (
    <Field
      id={name}
      label={label}
      hint={hint}
      note={note}
      describedBy={[note ? `${name}-source` : null]}
      errors={form.errors(name)}
    >
      {(control) => (
        <select
          {...control}
          name={name}
          value={form.values[name] ?? ""}
          onChange={(event) => form.set(name, event.target.value)}
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

export function CheckboxInput({ form, name, label, hint }: FieldProps) {
  return (
    <Field id={name} label={label} hint={hint} errors={form.errors(name)} checkbox>
      {(control) => (
        <input
          {...control}
          name={name}
          type="checkbox"
          checked={form.values[name] === "on"}
          onChange={(event) => form.set(name, event.target.checked ? "on" : "")}
          className={CHECKBOX_CLASS}
        />
      )}
    </Field>
  );
}

export function TextArea({ form, name, label, hint, rows = 3 }: FieldProps & { rows?: number }) {
  return (
    <Field id={name} label={label} hint={hint} errors={form.errors(name)}>
      {(control) => (
        <textarea
          {...control}
          name={name}
          rows={rows}
          value={form.values[name] ?? ""}
          onChange={(event) => form.set(name, event.target.value)}
          className={INPUT_CLASS}
        />
      )}
    </Field>
  );
}
