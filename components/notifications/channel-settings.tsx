// Settings' "Notification channels": for email, push and SMS, whether this server can send on it,
// whether the person has it on, and what each needs from them (the address, a browser, a number).
// Turning a channel on or off stays in the preferences form, linked from here.
import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { TEXT_LINK } from "@/components/ui/text-link";
import type { DeliveryChannel } from "@/lib/db/vocabulary";
import type { ChannelStatus } from "@/lib/notifications/channels";
import { CHANNEL_LABELS } from "./channel-labels";
import { PhoneNumberForm, type SavePhoneNumberAction } from "./phone-number-form";
import { type PushActions, type PushBrowser, PushSettings } from "./push-settings";

export interface ChannelActions {
  savePhoneNumber: SavePhoneNumberAction;
  push: PushActions;
}

function Channel({
  channel,
  status,
  enabled,
  children,
}: {
  channel: DeliveryChannel;
  status: ChannelStatus[DeliveryChannel];
  enabled: boolean;
  children: React.ReactNode;
}) {
  const headingId = `channel-${channel}-heading`;
  return (
    <section aria-labelledby={headingId} className="space-y-3 py-4 first:pt-0 last:pb-0">
      <div className="flex flex-wrap items-center gap-2">
        <h3 id={headingId} className="text-sm font-semibold">
          {CHANNEL_LABELS[channel]}
        </h3>
        <Badge tone={status.configured ? "ok" : "warning"}>{status.configured ? "Set up" : "Not set up"}</Badge>
        <Badge tone={enabled ? "ok" : "muted"}>{enabled ? "Turned on" : "Turned off"}</Badge>
      </div>
      <p id={`${channel}-detail`} className="text-sm text-slate-600 dark:text-slate-400">
        {status.detail}
        {enabled ? "" : ` ${CHANNEL_LABELS[channel]} alerts are off in your preferences, so nothing is sent this way.`}
      </p>
      {children}
    </section>
  );
}

export function NotificationChannels({
  status,
  enabled,
  email,
  emailConfirmed,
  phoneNumber,
  pushPublicKey,
  pushBrowsers,
  actions,
}: {
  status: ChannelStatus;
  /** The channel switches from the user's preferences. */
  enabled: Record<DeliveryChannel, boolean>;
  email: string;
  /** Email alerts wait for a confirmed address. */
  emailConfirmed: boolean;
  phoneNumber: string | null;
  /** null when push is not set up on this server. */
  pushPublicKey: string | null;
  pushBrowsers: PushBrowser[];
  actions: ChannelActions;
}) {
  return (
    <section
      id="notification-channels"
      aria-labelledby="notification-channels-heading"
      className="scroll-mt-6 rounded-xl border border-slate-200 px-4 pt-4 pb-5 sm:px-6 dark:border-slate-800"
    >
      <h2 id="notification-channels-heading" className="text-base font-semibold">
        Notification channels
      </h2>
      <p className="text-sm text-slate-600 dark:text-slate-400">
        Where alerts reach you besides the bell. Turn each one on or off under{" "}
        <a href="#preferences" className={TEXT_LINK}>
          Notifications in your preferences
        </a>
        .
      </p>
      <div className="mt-4 divide-y divide-slate-200 dark:divide-slate-800">
        <Channel channel="email" status={status.email} enabled={enabled.email}>
          <p className="text-sm">
            Sent to <span className="font-medium break-all">{email}</span>, the address you sign in with.
          </p>
          {emailConfirmed ? null : (
            <p className="text-sm text-amber-900 dark:text-amber-200">
              Email alerts wait until you confirm this address with the link we mailed you.{" "}
              <Link href="/settings/security#email" className={TEXT_LINK}>
                Send a new link
              </Link>
            </p>
          )}
        </Channel>
        <Channel channel="push" status={status.push} enabled={enabled.push}>
          <PushSettings
            publicKey={status.push.configured ? pushPublicKey : null}
            browsers={pushBrowsers}
            actions={actions.push}
          />
        </Channel>
        <Channel channel="sms" status={status.sms} enabled={enabled.sms}>
          <PhoneNumberForm
            initial={phoneNumber}
            smsConfigured={status.sms.configured}
            action={actions.savePhoneNumber}
          />
        </Channel>
      </div>
    </section>
  );
}
