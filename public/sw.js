// Mingus's service worker: shows the Web Push notifications the server sends ({ title, body, url, tag },
// as JSON) and, when one is clicked, focuses a Mingus tab at its page or opens one. No caching, no
// dependencies: it only handles push.

const FALLBACK_TITLE = "Mingus";

function readPayload(event) {
  if (!event.data) return {};
  try {
    const payload = event.data.json();
    return payload && typeof payload === "object" ? payload : {};
  } catch {
    // Not JSON: show the text itself rather than nothing.
    return { body: event.data.text() };
  }
}

/** Only pages of this site: a payload cannot send a click elsewhere. */
function sameOriginUrl(value) {
  try {
    const url = new URL(typeof value === "string" && value ? value : "/notifications", self.location.origin);
    return url.origin === self.location.origin ? url.href : new URL("/notifications", self.location.origin).href;
  } catch {
    return new URL("/notifications", self.location.origin).href;
  }
}

self.addEventListener("install", () => {
  self.skipWaiting();
});

self.addEventListener("activate", (event) => {
  event.waitUntil(self.clients.claim());
});

self.addEventListener("push", (event) => {
  const payload = readPayload(event);
  const title = typeof payload.title === "string" && payload.title ? payload.title : FALLBACK_TITLE;
  const options = {
    body: typeof payload.body === "string" ? payload.body : "",
    icon: "/icon.svg",
    data: { url: sameOriginUrl(payload.url) },
  };
  // A tag replaces an earlier notification with the same tag instead of stacking another.
  if (typeof payload.tag === "string" && payload.tag) options.tag = payload.tag;
  event.waitUntil(self.registration.showNotification(title, options));
});

self.addEventListener("notificationclick", (event) => {
  event.notification.close();
  const url = sameOriginUrl(event.notification.data?.url);
  event.waitUntil(
    (async () => {
      const windows = await self.clients.matchAll({ type: "window", includeUncontrolled: true });
      const exact = windows.find((client) => client.url === url);
      if (exact) return exact.focus();
      const ours = windows.find((client) => new URL(client.url).origin === self.location.origin);
      if (ours && "navigate" in ours) {
        const navigated = await ours.navigate(url).catch(() => null);
        if (navigated) return navigated.focus();
      }
      return self.clients.openWindow(url);
    })(),
  );
});
