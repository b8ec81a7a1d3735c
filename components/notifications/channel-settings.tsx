// Settings' "Notification channels": for email, push and SMS, whether this server can send on it,
// whether the person has it on, and what each needs from them (the address, a browser, a number).
// Turning a channel on or off stays in the preferences form, linked from here.
import type { DeliveryChannel } from "@/lib/db/vocabulary";
import type { ChannelStatus } from "@/lib/notifications/channels";
import { CHANNEL_LABELS } from "./channel-labels";
import { PhoneNumberForm } from "./phone-number-form";
import { type PushBrowser, PushSettings } from "./push-settings";

function Badge({ tone, children }: { tone: "good" | "warn" | "muted"; children: React.ReactNode }) {
  const tones = {
    good: "bg-emerald-50 text-emerald-800 dark:bg-emerald-500/15 dark:text-emerald-300",
    warn: "bg-amber-50 text-amber-800 dark:bg-amber-500/15 dark:text-amber-300",
    muted: "bg-slate-100 text-slate-700 dark:bg-slate-800 dark:text-slate-300",
  };
  return <span className={`rounded-full px-2 py-0.5 text-xs font-medium ${tones[tone]}`}>{children}</span>;
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
        <Badge tone={status.configured ? "good" : "warn"}>{status.configured ? "Set up" : "Not set up"}</Badge>
        <Badge tone={enabled ? "good" : "muted"}>{enabled ? "Turned on" : "Turned off"}</Badge>
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
  phoneNumber,
  pushPublicKey,
  pushBrowsers,
}: {
  status: ChannelStatus;
  /** The channel switches from the user's preferences. */
  enabled: Record<DeliveryChannel, boolean>;
  email: string;
  phoneNumber: string | null;
  /** null when push is not set up on this server. */
  pushPublicKey: string | null;
  pushBrowsers: PushBrowser[];
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
        <a
          href="#preferences"
          className="font-medium text-brand-700 underline underline-offset-2 focus-visible:outline-2 focus-visible:outline-brand-500 dark:text-brand-100"
        >
          Notifications in your preferences
        </a>
        .
      </p>
      <div className="mt-4 divide-y divide-slate-200 dark:divide-slate-800">
        <Channel channel="email" status={status.email} enabled={enabled.email}>
          <p className="text-sm">
            Sent to <span className="font-medium">{email}</span>, the address you sign in with.
          </p>
        </Channel>
        <Channel channel="push" status={status.push} enabled={enabled.push}>
          <PushSettings publicKey={status.push.configured ? pushPublicKey : null} browsers={pushBrowsers} />
        </Channel>
        <Channel channel="sms" status={status.sms} enabled={enabled.sms}>
          <PhoneNumberForm initial={phoneNumber} smsConfigured={status.sms.configured} />
        </Channel>
      </div>
    </section>
  );
}
