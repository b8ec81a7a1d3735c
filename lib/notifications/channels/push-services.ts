// The push services browsers subscribe with. A subscription's endpoint is a URL the server POSTs to, so
// only these hosts are taken: any other address (an IP literal, a private host, the server's own
// loopback) would let a person make the server send requests wherever they like.

/** Hosts, each also matching its subdomains ("notify.windows.com": wns2-by3p.notify.windows.com). */
export const PUSH_SERVICE_HOSTS = [
  // Chrome, Opera, Samsung Internet and most Chromium browsers: Firebase Cloud Messaging.
  "fcm.googleapis.com",
  "android.googleapis.com",
  // Firefox: Mozilla's autopush.
  "push.services.mozilla.com",
  // Safari on macOS and iOS.
  "push.apple.com",
  // Edge: the Windows Push Notification Services.
  "notify.windows.com",
] as const;

/** Whether `endpoint` is an https URL, on the default port, at one of the known push services. */
export function isKnownPushService(endpoint: string): boolean {
  const url = URL.parse(endpoint);
  if (url?.protocol !== "https:" || url.port !== "" || url.username || url.password) return false;
  const host = url.hostname.toLowerCase();
  return PUSH_SERVICE_HOSTS.some((service) => host === service || host.endsWith(`.${service}`));
}
