import type { Metadata } from "next";
import { AccountLinks } from "@/components/preferences/account-links";
import { DisplayPreview } from "@/components/preferences/display-preview";
import { toGlobalFormValues } from "@/components/preferences/form-values";
import { GlobalPreferencesForm } from "@/components/preferences/global-preferences-form";
import { requireUser } from "@/lib/auth/session";
import { getDisplay } from "@/lib/format/display";
import { getGlobalSettings, listAccountLinks } from "@/lib/preferences/load";

export const metadata: Metadata = { title: "Settings" };

export default async function SettingsPage() {
  const user = await requireUser();
  const [settings, accounts, display] = await Promise.all([
    getGlobalSettings({ userId: user.id }),
    listAccountLinks({ userId: user.id }),
    getDisplay({ userId: user.id }),
  ]);
  return (
    <div className="space-y-8">
      <header className="space-y-1">
        <h1 className="text-2xl font-semibold tracking-tight">Settings</h1>
        <p className="text-slate-600 dark:text-slate-400">
          Your defaults for every account. Each account can override them on its own settings page.
        </p>
      </header>
      <div className="grid gap-8 lg:grid-cols-[minmax(0,1fr)_20rem] lg:items-start">
        <GlobalPreferencesForm
          initial={toGlobalFormValues(settings.values)}
          currencies={Intl.supportedValuesOf("currency")}
        />
        <aside className="space-y-8 lg:sticky lg:top-6">
          <DisplayPreview display={display} />
          <AccountLinks accounts={accounts} />
        </aside>
      </div>
    </div>
  );
}
