// A labelled form control with its hint and its error. The error sits in its own element, always in the
// page so screen readers announce what is put into it (aria-live="polite"), and is linked to the control
// by aria-describedby with the hint and any notes. The control itself is the caller's, drawn by
// `children` with the props that wire it up.
import type { ComponentProps, ReactNode } from "react";

export const INPUT_CLASS =
  "block w-full rounded-lg border border-slate-300 bg-white px-3 py-2 text-sm shadow-sm focus:border-brand-500 focus:outline-2 focus:outline-brand-500 disabled:cursor-not-allowed disabled:bg-slate-100 disabled:text-slate-600 aria-invalid:border-red-500 dark:border-slate-700 dark:bg-slate-900 dark:disabled:bg-slate-800 dark:disabled:text-slate-400";

// 24 px: a checkbox is a target of its own (WCAG 2.5.8), whatever its label adds.
export const CHECKBOX_CLASS =
  "size-6 shrink-0 rounded border-slate-300 accent-brand-600 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-500 dark:border-slate-600";

/** What the control needs from its field: the id the label points at, and what describes it. */
export interface ControlProps {
  id: string;
  "aria-describedby"?: string;
  "aria-invalid"?: true;
}

export function Field({
  id,
  label,
  labelAside,
  hint,
  note,
  describedBy = [],
  errors,
  validated = true,
  checkbox = false,
  children,
}: {
  /** The control's id; `${id}-hint` and `${id}-error` are the hint's and the error's. */
  id: string;
  label: ReactNode;
  /** Beside the label, on its line (an Override switch). */
  labelAside?: ReactNode;
  hint?: ReactNode;
  /** Under the control, before the hint: a note with an id of its own, listed in describedBy. */
  note?: ReactNode;
  /** Ids of further elements that describe the control. */
  describedBy?: (string | false | null | undefined)[];
  errors?: string[];
  /** False for a control nothing checks (a search box, a filter): it gets no error element. */
  validated?: boolean;
  /** The control before its label, the hint under the label: a checkbox. */
  checkbox?: boolean;
  children: (control: ControlProps) => ReactNode;
}) {
  const invalid = Boolean(errors?.length);
  const ids = [hint ? `${id}-hint` : null, ...describedBy, invalid ? `${id}-error` : null].filter(Boolean);
  const control = children({
    id,
    "aria-describedby": ids.length > 0 ? ids.join(" ") : undefined,
    "aria-invalid": invalid ? true : undefined,
  });
  const labelElement = (
    <label htmlFor={id} className="block text-sm font-medium">
      {label}
    </label>
  );
  const hintElement = hint ? (
    <p id={`${id}-hint`} className="text-xs text-slate-500 dark:text-slate-400">
      {hint}
    </p>
  ) : null;
  const error = validated ? (
    <p id={`${id}-error`} aria-live="polite" className="text-sm text-red-700 dark:text-red-400">
      {errors?.join(" ")}
    </p>
  ) : null;
  if (checkbox) {
    return (
      <div className="space-y-1">
        <div className="flex items-start gap-3">
          {control}
          <div className="space-y-0.5 pt-0.5">
            {labelElement}
            {hintElement}
          </div>
        </div>
        {error}
      </div>
    );
  }
  return (
    <div className="space-y-1">
      {labelAside ? (
        <div className="flex flex-wrap items-center justify-between gap-x-4 gap-y-1">
          {labelElement}
          {labelAside}
        </div>
      ) : (
        labelElement
      )}
      {control}
      {note}
      {hintElement}
      {error}
    </div>
  );
}

/** The common case: a text-like <input> in a Field. */
export function TextField({
  id,
  label,
  hint,
  errors,
  validated,
  ...input
}: {
  id: string;
  label: ReactNode;
  hint?: ReactNode;
  errors?: string[];
  validated?: boolean;
} & Omit<ComponentProps<"input">, "id" | "className" | "aria-describedby" | "aria-invalid">) {
  return (
    <Field id={id} label={label} hint={hint} errors={errors} validated={validated}>
      {(control) => <input {...input} {...control} className={INPUT_CLASS} />}
    </Field>
  );
}
