// An account's own look and details: alias, colour, icon, hidden, notes and tags. None of these
// inherit; blank means the bank's name, no colour, no icon.
import { ALIAS_MAX } from "@/lib/preferences/fields";
import { ACCOUNT_ICONS } from "@/lib/preferences/options";
import { CheckboxInput, Section, SelectInput, TextArea, TextInput } from "./fields";
import type { SettingsForm } from "./use-settings-form";

const ICON_OPTIONS = [
  { value: "", label: "No icon" },
  ...Object.entries(ACCOUNT_ICONS).map(([value, label]) => ({ value, label })),
];

const HEX = /^#[0-9A-Fa-f]{6}$/;

export function AccountAppearanceFields({ form, bankName }: { form: SettingsForm; bankName: string }) {
  const colour = form.values.accountColor ?? "";
  const validColour = HEX.test(colour) ? colour.toLowerCase() : null;
  return (
    <>
      <Section title="Name and look" description="How this account appears in your lists.">
        <TextInput
          form={form}
          name="accountAlias"
          label="Alias"
          hint={`Shown instead of "${bankName}". At most ${ALIAS_MAX} characters; leave blank for the bank's name.`}
        />
        <div className="grid gap-4 sm:grid-cols-2">
          <TextInput form={form} name="accountColor" label="Colour" hint="A hex colour like #2E7D32, or blank.">
            <input
              type="color"
              aria-label="Pick a colour"
              value={validColour ?? "#000000"}
              onChange={(event) => form.set("accountColor", event.target.value.toUpperCase())}
              className="h-9 w-11 shrink-0 cursor-pointer rounded-lg border border-slate-300 bg-white p-1 focus-visible:outline-2 focus-visible:outline-brand-500 dark:border-slate-700 dark:bg-slate-900"
            />
          </TextInput>
          <SelectInput form={form} name="accountIcon" label="Icon" options={ICON_OPTIONS} />
        </div>
        <CheckboxInput
          form={form}
          name="hideAccount"
          label="Hide this account"
          hint='Moves it to "Hidden accounts", out of your totals, and silences its alerts.'
        />
      </Section>

      <Section title="Notes and tags">
        <TextArea form={form} name="notes" label="Notes" hint="Only you see these." />
        <TextInput form={form} name="tags" label="Tags" hint="Separate tags with commas, like: bills, travel." />
      </Section>
    </>
  );
}
