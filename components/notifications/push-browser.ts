// The browser's side of Web Push: whether it can, the service worker at /sw.js, and a subscription
// for the server's VAPID public key. Used by the push settings; browser-only.

export type PushSupport = "supported" | "unsupported";

export function pushSupport(): PushSupport {
  return typeof window !== "undefined" &&
    window.isSecureContext &&
    "serviceWorker" in navigator &&
    "PushManager" in window &&
    "Notification" in window
    ? "supported"
    : "unsupported";
}

/** The VAPID public key (base64url, as `web-push generate-vapid-keys` prints it) as bytes. */
export function keyBytes(base64Url: string): Uint8Array<ArrayBuffer> {
  const base64 = `${base64Url}${"=".repeat((4 - (base64Url.length % 4)) % 4)}`.replace(/-/g, "+").replace(/_/g, "/");
  const text = atob(base64);
  const bytes = new Uint8Array(new ArrayBuffer(text.length));
  for (let index = 0; index < text.length; index++) bytes[index] = text.charCodeAt(index);
  return bytes;
}

function sameBytes(a: ArrayBuffer | null, b: Uint8Array): boolean {
  if (!a || a.byteLength !== b.byteLength) return false;
  const view = new Uint8Array(a);
  return view.every((byte, index) => byte === b[index]);
}

/** This browser's current subscription, if it has one (without installing anything). */
export async function currentSubscription(): Promise<PushSubscription | null> {
  if (pushSupport() !== "supported") return null;
  const registration = await navigator.serviceWorker.getRegistration("/");
  return (await registration?.pushManager.getSubscription()) ?? null;
}

/**
 * Installs /sw.js and subscribes with the server's key. A subscription made for another key (the keys
 * were rotated) cannot be reused, so it is dropped first.
 */
export async function subscribeToPush(publicKey: string): Promise<PushSubscription> {
  const registration = await navigator.serviceWorker.register("/sw.js", { scope: "/" });
  await navigator.serviceWorker.ready;
  const key = keyBytes(publicKey);
  const existing = await registration.pushManager.getSubscription();
  if (existing) {
    if (sameBytes(existing.options.applicationServerKey, key)) return existing;
    await existing.unsubscribe();
  }
  return registration.pushManager.subscribe({ userVisibleOnly: true, applicationServerKey: key });
}

/** What the server stores of a subscription, as the form fields the save action reads. */
export function subscriptionForm(subscription: PushSubscription): FormData {
  const json = subscription.toJSON();
  const form = new FormData();
  form.set("endpoint", subscription.endpoint);
  form.set("p256dh", json.keys?.p256dh ?? "");
  form.set("auth", json.keys?.auth ?? "");
  form.set("userAgent", navigator.userAgent);
  return form;
}

/** Words for what went wrong, by the DOMException's name; never the raw browser message. */
export function describePushError(error: unknown): string {
  const name = error instanceof DOMException || error instanceof Error ? error.name : "";
  switch (name) {
    case "NotAllowedError":
      return "Notifications are blocked for this site. Allow them in your browser's site settings, then try again.";
    case "SecurityError":
      return "The browser refused to install the notification service worker. Open Mingus over https and try again.";
    case "AbortError":
    case "InvalidStateError":
      // Chrome also refuses this way in a private (incognito) window, on purpose and without saying so.
      return "Your browser's push service could not be reached, so push was not turned on. Private windows cannot receive push; otherwise, try again later.";
    default:
      return "Push could not be turned on in this browser. Try again later.";
  }
}
