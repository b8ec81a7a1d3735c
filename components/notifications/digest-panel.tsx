// "Waiting for your digest": the alerts gathered for each channel's next hourly, daily or weekly
// digest, when it goes out, and a button that sends them now. The panel stays when nothing waits (the
// button disabled), so what "Send now" did is still there to read after the list empties.
import type { FormAction } from "@/components/form-action";
import type { Display } from "@/lib/format/display";
import { pendingDigests } from "@/lib/notifications/delivery/digests";
import { NOTIFICATION_FREQUENCY_LABELS } from "@/lib/preferences/options";
import { CHANNEL_LABELS } from "./channel-labels";
import { SendDigestsButton } from "./send-digests-button";

export async function DigestPanel({
  userId,
  display,
  sendNow,
}: {
  userId: string;
  display: Display;
  /** Sends the waiting digests at once. */
  sendNow: FormAction;
}) {
  const digests = await pendingDigests(userId);
  return (
    <section
      aria-labelledby="digest-heading"
      className="space-y-3 rounded-xl border border-slate-200 px-4 py-4 sm:px-5 dark:border-slate-800"
    >
      <div className="space-y-1">
        <h2 id="digest-heading" className="text-base font-semibold">
          Waiting for your digest
        </h2>
        <p className="text-sm text-slate-600 dark:text-slate-400">
          {digests.length === 0
            ? "Nothing is waiting. With an hourly, daily or weekly frequency, alerts gather here until their digest goes out."
            : "These alerts go out together at the end of each period, as your notification frequency asks."}
        </p>
      </div>
      {digests.length === 0 ? null : (
        <ul className="space-y-1.5 text-sm">
          {digests.map((digest) => (
            <li
              key={`${digest.channel}:${digest.frequency}:${digest.periodEnd.toISOString()}`}
              className="flex flex-wrap gap-x-2"
            >
              <span className="font-medium">
                {CHANNEL_LABELS[digest.channel]} · {NOTIFICATION_FREQUENCY_LABELS[digest.frequency]}
              </span>
              <span className="text-slate-600 dark:text-slate-400">
                {digest.count} {digest.count === 1 ? "alert" : "alerts"}, sends{" "}
                <time dateTime={digest.periodEnd.toISOString()}>{display.dateTime(digest.periodEnd)}</time>
              </span>
            </li>
          ))}
        </ul>
      )}
      <SendDigestsButton disabled={digests.length === 0} action={sendNow} />
    </section>
  );
}
