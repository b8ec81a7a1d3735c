"use client";
// Push in settings: "Turn on push in this browser" (service worker, permission, subscription, saved on
// the server), the browsers that have it on, and "Remove" for each, which also unsubscribes this
// browser when it is the one removed. Every outcome is announced in one status line.
import { useEffect, useState, useTransition } from "react";
import { type FormAction, formOf } from "@/components/form-action";
import { Button } from "@/components/ui/button";
import {
  currentSubscription,
  describePushError,
  type PushSupport,
  pushSupport,
  subscribeToPush,
  subscriptionForm,
} from "./push-browser";

export type PushBrowser = { id: string; endpoint: string; label: string; added: string };

export interface PushActions {
  /** Saves this browser's push subscription. */
  subscribe: FormAction;
  /** Forgets one browser's subscription, by id. */
  remove: FormAction;
}

type Status = { text: string; tone: "success" | "error" | "info" };

const TONES: Record<Status["tone"], string> = {
  success: "text-emerald-700 dark:text-emerald-400",
  error: "text-red-700 dark:text-red-400",
  info: "text-slate-600 dark:text-slate-400",
};

const BLOCKED = "Notifications are blocked for this site. Allow them in your browser's site settings, then try again.";

export function PushSettings({
  publicKey,
  browsers,
  actions,
}: {
  publicKey: string | null;
  browsers: PushBrowser[];
  actions: PushActions;
}) {
  const [support, setSupport] = useState<PushSupport | "checking">("checking");
  const [endpoint, setEndpoint] = useState<string | null>(null);
  const [status, setStatus] = useState<Status | null>(null);
  const [pending, startTransition] = useTransition();

  useEffect(() => {
    const supported = pushSupport();
    setSupport(supported);
    if (supported !== "supported") return;
    if (Notification.permission === "denied") setStatus({ text: BLOCKED, tone: "error" });
    currentSubscription()
      .then((subscription) => setEndpoint(subscription?.endpoint ?? null))
      .catch(() => setEndpoint(null));
  }, []);

  const onHere = endpoint !== null && browsers.some((browser) => browser.endpoint === endpoint);

  function turnOn() {
    if (!publicKey) return;
    setStatus(null);
    startTransition(async () => {
      try {
        const permission = await Notification.requestPermission();
        if (permission !== "granted") {
          setStatus({
            text: permission === "denied" ? BLOCKED : "Push stays off: notifications were not allowed.",
            tone: "error",
          });
          return;
        }
        const subscription = await subscribeToPush(publicKey);
        const result = await actions.subscribe({}, subscriptionForm(subscription));
        if (!result.ok) {
          setStatus({ text: result.message ?? "Push could not be turned on. Try again.", tone: "error" });
          return;
        }
        setEndpoint(subscription.endpoint);
        setStatus({ text: result.message ?? "Push is on in this browser.", tone: "success" });
      } catch (error) {
        setStatus({ text: describePushError(error), tone: "error" });
      }
    });
  }

  function remove(browser: PushBrowser) {
    setStatus(null);
    startTransition(async () => {
      const result = await actions.remove({}, formOf({ id: browser.id }));
      if (!result.ok) {
        setStatus({ text: result.message ?? "That browser could not be removed. Try again.", tone: "error" });
        return;
      }
      if (browser.endpoint === endpoint) {
        // Stop this browser's push service from holding a subscription nobody sends to any more.
        await (await currentSubscription().catch(() => null))?.unsubscribe().catch(() => false);
        setEndpoint(null);
      }
      setStatus({ text: `${browser.label}: push is off.`, tone: "success" });
    });
  }

  return (
    <div className="space-y-3">
      {support === "unsupported" ? (
        <p className="text-sm text-slate-600 dark:text-slate-400">
          This browser cannot receive push notifications (it needs service workers and the Push API, over https).
        </p>
      ) : onHere ? (
        <p className="text-sm font-medium text-emerald-700 dark:text-emerald-400">Push is on in this browser.</p>
      ) : (
        <Button
          onClick={turnOn}
          disabled={!publicKey || support !== "supported" || pending}
          aria-describedby={publicKey ? undefined : "push-detail"}
        >
          {pending ? "Working…" : "Turn on push in this browser"}
        </Button>
      )}
      <p role="status" aria-live="polite" className={`text-sm empty:hidden ${status ? TONES[status.tone] : ""}`}>
        {status?.text}
      </p>
      <div className="space-y-2">
        <h4 className="text-sm font-medium">Browsers with push on</h4>
        {browsers.length === 0 ? (
          <p className="text-sm text-slate-600 dark:text-slate-400">None yet.</p>
        ) : (
          <ul className="divide-y divide-slate-200 rounded-lg border border-slate-200 text-sm dark:divide-slate-800 dark:border-slate-800">
            {browsers.map((browser) => (
              <li key={browser.id} className="flex flex-wrap items-center justify-between gap-2 px-3 py-2">
                <span>
                  <span className="font-medium">{browser.label}</span>
                  {browser.endpoint === endpoint ? (
                    <span className="text-slate-600 dark:text-slate-400"> (this browser)</span>
                  ) : null}
                  <span className="block text-xs text-slate-500 dark:text-slate-400">Added {browser.added}</span>
                </span>
                <Button
                  variant="secondary"
                  size="xs"
                  onClick={() => remove(browser)}
                  disabled={pending}
                  aria-label={`Remove ${browser.label}, added ${browser.added}`}
                >
                  Remove
                </Button>
              </li>
            ))}
          </ul>
        )}
      </div>
    </div>
  );
}
