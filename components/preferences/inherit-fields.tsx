// Controls for an account setting that either inherits (from the user's defaults or Mingus's) or is
// overridden on the account, with a note saying which and what the inherited value is.
import { Badge } from "@/components/ui/badge";
import { CHECKBOX_CLASS, Field, INPUT_CLASS } from "@/components/ui/field";
import { SelectInput } from "./fields";
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
    <p id={id}>
      {overridden ? (
        <Badge tone="brand">Set on this account</Badge>
      ) : (
        <Badge tone="muted">
          Inherited from {SOURCE_TEXT[inherited.source]}: {inherited.text}
        </Badge>
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
  options,
}: {
  form: SettingsForm;
  name: string;
  label: string;
  hint?: string;
  inherited: InheritedInfo;
  /** The choices after "Inherit". */
  options: readonly { value: string; label: string }[];
}) {
  return (
    <SelectInput
      form={form}
      name={name}
      label={label}
      hint={hint}
      options={[{ value: "inherit", label: `Inherit (${inherited.text})` }, ...options]}
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
    <Field
      id={name}
      label={label}
      labelAside={
        <label className="flex items-center gap-2 text-sm">
          <input
            id={overrideName}
            name={overrideName}
            type="checkbox"
            checked={overriding}
            onChange={(event) => form.set(overrideName, event.target.checked ? "on" : "")}
            className={CHECKBOX_CLASS}
          />
          Override<span className="sr-only"> {label.toLowerCase()}</span>
        </label>
      }
      note={<SourceNote id={`${name}-source`} overridden={overriding} inherited={inherited} />}
      describedBy={[`${name}-source`]}
      errors={form.errors(name)}
    >
      {(control) => (
        <input
          {...control}
          name={name}
          type="text"
          inputMode="decimal"
          disabled={!overriding}
          value={overriding ? (form.values[name] ?? "") : inherited.raw}
          placeholder={overriding ? "0.00" : "none"}
          onChange={(event) => form.set(name, event.target.value)}
          className={`${INPUT_CLASS} sm:max-w-48`}
        />
      )}
    </Field>
  );
}
