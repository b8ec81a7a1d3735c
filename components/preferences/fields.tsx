// The settings forms' labelled controls, bound to a SettingsForm by name. Each error sits in its own
// element, linked by aria-describedby and announced politely.
import type { SettingsForm } from "./use-settings-form";

export const INPUT_CLASS =
  "block w-full rounded-lg border border-slate-300 bg-white px-3 py-2 text-sm shadow-sm focus:border-brand-500 focus:outline-2 focus:outline-brand-500 disabled:cursor-not-allowed disabled:bg-slate-100 disabled:text-slate-500 aria-invalid:border-red-500 dark:border-slate-700 dark:bg-slate-900 dark:disabled:bg-slate-800 dark:disabled:text-slate-400";

interface FieldProps {
  form: SettingsForm;
  name: string;
  label: string;
  hint?: string;
}

/** aria-describedby for a field: its hint, any extra note, and its error element when it has an error. */
export function describedBy(form: SettingsForm, name: string, ...extra: (string | false | undefined)[]) {
  const ids = [...extra, form.errors(name)?.length ? `${name}-error` : false].filter(Boolean);
  return ids.length ? ids.join(" ") : undefined;
}

export function FieldError({ form, name }: { form: SettingsForm; name: string }) {
  return (
    <p id={`${name}-error`} aria-live="polite" className="text-sm text-red-700 empty:hidden dark:text-red-400">
      {form.errors(name)?.join(" ")}
    </p>
  );
}

export function Hint({ id, children }: { id: string; children: React.ReactNode }) {
  return (
    <p id={id} className="text-xs text-slate-500 dark:text-slate-400">
      {children}
    </p>
  );
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
    <fieldset className="rounded-xl border border-slate-200 px-4 pt-1 pb-5 sm:px-6 dark:border-slate-800">
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
  const invalid = Boolean(form.errors(name)?.length);
  return (
    <div className="space-y-1">
      <label htmlFor={name} className="block text-sm font-medium">
        {label}
      </label>
      <div className="flex items-center gap-2">
        <input
          id={name}
          name={name}
          type="text"
          list={list}
          inputMode={inputMode}
          value={form.values[name] ?? ""}
          onChange={(event) => form.set(name, event.target.value)}
          aria-invalid={invalid || undefined}
          aria-describedby={describedBy(form, name, hint && `${name}-hint`)}
          className={`${INPUT_CLASS} ${className ?? ""}`}
        />
        {children}
      </div>
      {hint ? <Hint id={`${name}-hint`}>{hint}</Hint> : null}
      <FieldError form={form} name={name} />
    </div>
  );
}

export function SelectInput({
  form,
  name,
  label,
  hint,
  options,
  note,
}: FieldProps & { options: readonly { value: string; label: string }[]; note?: React.ReactNode }) {
  const invalid = Boolean(form.errors(name)?.length);
  return (
    <div className="space-y-1">
      <label htmlFor={name} className="block text-sm font-medium">
        {label}
      </label>
      <select
        id={name}
        name={name}
        value={form.values[name] ?? ""}
        onChange={(event) => form.set(name, event.target.value)}
        aria-invalid={invalid || undefined}
        aria-describedby={describedBy(form, name, hint && `${name}-hint`, note ? `${name}-source` : undefined)}
        className={INPUT_CLASS}
      >
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
      {note}
      {hint ? <Hint id={`${name}-hint`}>{hint}</Hint> : null}
      <FieldError form={form} name={name} />
    </div>
  );
}

export function CheckboxInput({ form, name, label, hint }: FieldProps) {
  return (
    <div className="space-y-1">
      <div className="flex items-start gap-3">
        <input
          id={name}
          name={name}
          type="checkbox"
          checked={form.values[name] === "on"}
          onChange={(event) => form.set(name, event.target.checked ? "on" : "")}
          aria-invalid={Boolean(form.errors(name)?.length) || undefined}
          aria-describedby={describedBy(form, name, hint && `${name}-hint`)}
          className="mt-0.5 size-4 rounded border-slate-300 accent-brand-600 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-500 dark:border-slate-600"
        />
        <div className="space-y-0.5">
          <label htmlFor={name} className="block text-sm font-medium">
            {label}
          </label>
          {hint ? <Hint id={`${name}-hint`}>{hint}</Hint> : null}
        </div>
      </div>
      <FieldError form={form} name={name} />
    </div>
  );
}

export function TextArea({ form, name, label, hint, rows = 3 }: FieldProps & { rows?: number }) {
  return (
    <div className="space-y-1">
      <label htmlFor={name} className="block text-sm font-medium">
        {label}
      </label>
      <textarea
        id={name}
        name={name}
        rows={rows}
        value={form.values[name] ?? ""}
        onChange={(event) => form.set(name, event.target.value)}
        aria-invalid={Boolean(form.errors(name)?.length) || undefined}
        aria-describedby={describedBy(form, name, hint && `${name}-hint`)}
        className={INPUT_CLASS}
      />
      {hint ? <Hint id={`${name}-hint`}>{hint}</Hint> : null}
      <FieldError form={form} name={name} />
    </div>
  );
}
