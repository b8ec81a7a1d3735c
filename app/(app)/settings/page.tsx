import type { Metadata } from "next";
import Link from "next/link";
import { describeBrowser } from "@/components/notifications/browser-name";
import { NotificationChannels } from "@/components/notifications/channel-settings";
import { AccountLinks } from "@/components/preferences/account-links";
import { DisplayPreview } from "@/components/preferences/display-preview";
import { toAlertFields, toGlobalFormValues } from "@/components/preferences/form-values";
import { GlobalPreferencesForm } from "@/components/preferences/global-preferences-form";
import { STANDALONE_LINK } from "@/components/ui/text-link";
import { requireUser } from "@/lib/auth/session";
import { getDisplay } from "@/lib/format/display";
import { channelStatus, pushPublicKey } from "@/lib/notifications/channels";
import { getContact, listPushSubscriptions } from "@/lib/notifications/contact";
import { alertSettings } from "@/lib/notifications/rules/registry";
import { getGlobalSettings, listAccountLinks } from "@/lib/preferences/load";
import {
  removePushSubscriptionAction,
  savePhoneNumberAction,
  savePushSubscriptionAction,
} from "../notifications/channel-actions";
import { saveGlobalPreferencesAction } from "./actions";

export const metadata: Metadata = { title: "Settings" };

export default async function SettingsPage() {
  const user = await requireUser();
  const [settings, accounts, display, contact, subscriptions] = await Promise.all([
    getGlobalSettings({ userId: user.id }),
    listAccountLinks({ userId: user.id }),
    getDisplay({ userId: user.id }),
    getContact({ userId: user.id }),
    listPushSubscriptions({ userId: user.id }),
  ]);
  const { values } = settings;
  return (
    <div className="space-y-8">
      <header className="space-y-1">
        <h1 className="text-2xl font-semibold tracking-tight">Settings</h1>
        <p className="text-slate-600 dark:text-slate-400">
          Your defaults for every account. Each account can override them on its own settings page.
        </p>
        <p className="text-sm">
          <Link href="/settings/security" className={STANDALONE_LINK}>
            Security: email address, password and where you are signed in
          </Link>
        </p>
      </header>
      <div className="grid gap-8 lg:grid-cols-[minmax(0,1fr)_20rem] lg:items-start">
        <div className="min-w-0 space-y-8">
          <div id="preferences" className="scroll-mt-6">
            <GlobalPreferencesForm
              initial={toGlobalFormValues(values, {
                displayCurrencySet: settings.sources.defaultCurrency !== "default",
              })}
              currencies={Intl.supportedValuesOf("currency")}
              action={saveGlobalPreferencesAction}
              alerts={toAlertFields(alertSettings())}
            />
          </div>
          <NotificationChannels
            status={channelStatus()}
            enabled={{ email: values.emailNotifications, push: values.pushNotifications, sms: values.smsNotifications }}
            email={contact.email}
            emailConfirmed={contact.emailConfirmed}
            phoneNumber={contact.phoneNumber}
            pushPublicKey={pushPublicKey()}
            pushBrowsers={subscriptions.map((subscription) => ({
              id: subscription.id,
              endpoint: subscription.endpoint,
              label: describeBrowser(subscription.userAgent),
              added: display.date(subscription.createdAt),
            }))}
            actions={{
              savePhoneNumber: savePhoneNumberAction,
              push: { subscribe: savePushSubscriptionAction, remove: removePushSubscriptionAction },
            }}
          />
        </div>
        <aside className="min-w-0 space-y-8 lg:sticky lg:top-6">
          <DisplayPreview display={display} />
          <AccountLinks accounts={accounts} />
        </aside>
      </div>
    </div>
  );
}
