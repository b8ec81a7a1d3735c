import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { AccountSettingsForm } from "@/components/preferences/account-settings-form";
import { describeInherited, toAccountFormValues, toAlertFields } from "@/components/preferences/form-values";
import { LONG_NAME } from "@/components/ui/long-name";
import { STANDALONE_LINK, TEXT_LINK } from "@/components/ui/text-link";
import { requireUser } from "@/lib/auth/session";
import { getDisplay } from "@/lib/format/display";
import { alertSettings } from "@/lib/notifications/rules/registry";
import { getAccountSettings } from "@/lib/preferences/load";
import { saveAccountSettingsAction } from "./actions";

export const metadata: Metadata = { title: "Account settings" };

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
          <ol className="flex flex-wrap items-center gap-x-1 text-sm text-slate-600 dark:text-slate-400">
            <li className="flex items-center gap-1">
              <Link href="/accounts" className={STANDALONE_LINK}>
                Accounts
              </Link>
              <span aria-hidden="true">/</span>
            </li>
            {/* A long alias shrinks here (ellipsis, whole name in the tooltip); the slash stays beside it. */}
            <li className="flex min-w-0 items-center gap-1">
              <Link href={`/accounts/${account.id}`} title={title} className={`${STANDALONE_LINK} ${LONG_NAME}`}>
                {title}
              </Link>
              <span aria-hidden="true">/</span>
            </li>
            <li aria-current="page">Settings</li>
          </ol>
        </nav>
        <h1 title={`Settings for ${title}`} className={`${LONG_NAME} text-2xl font-semibold tracking-tight`}>
          Settings for {title}
        </h1>
        <p className="text-slate-600 dark:text-slate-400">
          {account.name}
          {account.mask ? ` •••• ${account.mask}` : ""} · {account.institutionName}
        </p>
        <p className="text-sm text-slate-600 dark:text-slate-400">
          Anything left on Inherit follows{" "}
          <Link href="/settings" className={TEXT_LINK}>
            your defaults
          </Link>
          , or Mingus&apos;s where you have none.
        </p>
      </header>
      <AccountSettingsForm
        initial={toAccountFormValues(settings)}
        inherited={describeInherited(settings.inherited, display)}
        bankName={account.name}
        action={saveAccountSettingsAction}
        alerts={toAlertFields(alertSettings())}
      />
    </div>
  );
}
