import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { AccountSettingsForm } from "@/components/preferences/account-settings-form";
import { describeInherited, toAccountFormValues } from "@/components/preferences/form-values";
import { requireUser } from "@/lib/auth/session";
import { getDisplay } from "@/lib/format/display";
import { getAccountSettings } from "@/lib/preferences/load";

export const metadata: Metadata = { title: "Account settings" };

const CRUMB = "text-brand-600 underline-offset-4 hover:underline dark:text-brand-100";

export default async function AccountSettingsPage({ params }: { params: Promise<{ id: string }> }) {
  const [{ id }, user] = await Promise.all([params, requireUser()]);
  const settings = await getAccountSettings({ userId: user.id, bankAccountId: id });
  // Someone else's account and no account at all look the same.
  if (!settings) notFound();
  const display = await getDisplay({ userId: user.id });
  const { account, stored } = settings;
  const title = stored.accountAlias ?? account.name;

  return (
    <div className="max-w-3xl space-y-8">
      <header className="space-y-2">
        <nav aria-label="Breadcrumb">
          <ol className="flex flex-wrap items-center gap-1 text-sm text-slate-600 dark:text-slate-400">
            <li>
              <Link href="/accounts" className={CRUMB}>
                Accounts
              </Link>
              <span aria-hidden="true"> /</span>
            </li>
            <li>
              <Link href={`/accounts/${account.id}`} className={CRUMB}>
                {title}
              </Link>
              <span aria-hidden="true"> /</span>
            </li>
            <li aria-current="page">Settings</li>
          </ol>
        </nav>
        <h1 className="text-2xl font-semibold tracking-tight break-words">Settings for {title}</h1>
        <p className="text-slate-600 dark:text-slate-400">
          {account.name}
          {account.mask ? ` •••• ${account.mask}` : ""} · {account.institutionName}
        </p>
        <p className="text-sm text-slate-600 dark:text-slate-400">
          Anything left on Inherit follows{" "}
          <Link href="/settings" className="text-brand-600 underline underline-offset-4 dark:text-brand-100">
            your defaults
          </Link>
          , or Mingus&apos;s where you have none.
        </p>
      </header>
      <AccountSettingsForm
        initial={toAccountFormValues(settings)}
        inherited={describeInherited(settings.inherited, display)}
        bankName={account.name}
      />
    </div>
  );
}
