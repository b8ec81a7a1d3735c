// Controls for an account setting that either inherits (from the user's defaults or Mingus's) or is
// overridden on the account, with a note saying which and what the inherited value is.
import { describedBy, FieldError, INPUT_CLASS, SelectInput } from "./fields";
import type { SettingsForm } from "./use-settings-form";

export interface InheritedInfo {
  /** The inherited value as a person reads it: "On", "Daily", "$500.00", "none". */
  text: string;
  /** For thresholds, the plain amount ("500.00" or ""), to start an override from. */
  raw: string;
  source: "global" | "default";
}

const SOURCE_TEXT = { global: "your defaults", default: "the Mingus default" } as const;

export function SourceNote({
  id,
  overridden,
  inherited,
}: {
  id: string;
  overridden: boolean;
  inherited: InheritedInfo;
}) {
  return (
    <p id={id} className="text-xs">
      {overridden ? (
        <span className="inline-flex items-center rounded-full bg-brand-50 px-2 py-0.5 font-medium text-brand-700 dark:bg-brand-700/30 dark:text-brand-100">
          Set on this account
        </span>
      ) : (
        <span className="inline-flex items-center rounded-full bg-slate-100 px-2 py-0.5 text-slate-700 dark:bg-slate-800 dark:text-slate-300">
          Inherited from {SOURCE_TEXT[inherited.source]}: {inherited.text}
        </span>
      )}
    </p>
  );
}

export function InheritSelect({
  form,
  name,
  label,
  hint,
  inherited,
  choices,
}: {
  form: SettingsForm;
  name: string;
  label: string;
  hint?: string;
  inherited: InheritedInfo;
  choices: readonly { value: string; label: string }[];
}) {
  return (
    <SelectInput
      form={form}
      name={name}
      label={label}
      hint={hint}
      options={[{ value: "inherit", label: `Inherit (${inherited.text})` }, ...choices]}
      note={<SourceNote id={`${name}-source`} overridden={form.values[name] !== "inherit"} inherited={inherited} />}
    />
  );
}

export const ON_OFF = [
  { value: "on", label: "On" },
  { value: "off", label: "Off" },
] as const;

/** An amount that inherits until "Override" is ticked; while inherited, the box shows the inherited amount. */
export function ThresholdOverride({
  form,
  name,
  label,
  inherited,
}: {
  form: SettingsForm;
  name: string;
  label: string;
  inherited: InheritedInfo;
}) {
  const overrideName = `${name}Override`;
  const overriding = form.values[overrideName] === "on";
  return (
    <div className="space-y-1">
      <div className="flex flex-wrap items-center justify-between gap-x-4 gap-y-1">
        <label htmlFor={name} className="block text-sm font-medium">
          {label}
        </label>
        <label className="flex items-center gap-2 text-sm">
          <input
            id={overrideName}
            name={overrideName}
            type="checkbox"
            checked={overriding}
            onChange={(event) => form.set(overrideName, event.target.checked ? "on" : "")}
            className="size-4 accent-brand-600 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-500"
          />
          Override<span className="sr-only"> {label.toLowerCase()}</span>
        </label>
      </div>
      <input
        id={name}
        name={name}
        type="text"
        inputMode="decimal"
        disabled={!overriding}
        value={overriding ? (form.values[name] ?? "") : inherited.raw}
        placeholder={overriding ? "0.00" : "none"}
        onChange={(event) => form.set(name, event.target.value)}
        aria-invalid={Boolean(form.errors(name)?.length) || undefined}
        aria-describedby={describedBy(form, name, `${name}-source`)}
        className={`${INPUT_CLASS} sm:max-w-48`}
      />
      <SourceNote id={`${name}-source`} overridden={overriding} inherited={inherited} />
      <FieldError form={form} name={name} />
    </div>
  );
}
