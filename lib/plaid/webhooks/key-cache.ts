// Plaid's webhook signing keys by kid, held in memory. Plaid asks receivers to cache keys; remembering
// unknown kids for a while and capping lookups keeps a flood of forged kids from turning every forged
// request into a call to Plaid.
import "server-only";
import type { JWKPublicKey } from "plaid";

export type WebhookKey = JWKPublicKey;

/** The key Plaid holds under `kid`, or null when Plaid knows no such key. Throws when Plaid can't answer. */
export type FetchWebhookKey = (kid: string) => Promise<WebhookKey | null>;

export type WebhookKeyCache = {
  /** The key for `kid`: from memory, else fetched; null for a kid Plaid does not know (or while capped). */
  getKey: (kid: string, now?: Date) => Promise<WebhookKey | null>;
};

type Entry = { key: WebhookKey | null; until: number };

export function createWebhookKeyCache({
  fetchKey,
  ttlMs = 60 * 60_000,
  unknownTtlMs = 60_000,
  maxFetchesPerMinute = 10,
  maxEntries = 1_000,
}: {
  fetchKey: FetchWebhookKey;
  /** How long a known key is trusted before it is fetched again (Plaid may have expired it since). */
  ttlMs?: number;
  /** How long a kid Plaid does not know is answered from memory. */
  unknownTtlMs?: number;
  /** Lookups of uncached kids allowed per minute; past it, unknown kids are refused without asking. */
  maxFetchesPerMinute?: number;
  maxEntries?: number;
}): WebhookKeyCache {
  const entries = new Map<string, Entry>();
  const inFlight = new Map<string, Promise<WebhookKey | null>>();
  let windowStart = 0;
  let fetchesInWindow = 0;

  function remember(kid: string, key: WebhookKey | null, at: number) {
    // Oldest first: Map keeps insertion order, so the first entry is the one to drop.
    if (entries.size >= maxEntries && !entries.has(kid)) entries.delete(entries.keys().next().value as string);
    entries.set(kid, { key, until: at + (key ? ttlMs : unknownTtlMs) });
  }

  async function getKey(kid: string, now = new Date()): Promise<WebhookKey | null> {
    const at = now.getTime();
    const cached = entries.get(kid);
    if (cached && cached.until > at) return cached.key;

    const pending = inFlight.get(kid);
    if (pending) return pending;

    if (at - windowStart >= 60_000) {
      windowStart = at;
      fetchesInWindow = 0;
    }
    if (fetchesInWindow >= maxFetchesPerMinute) return cached?.key ?? null;
    fetchesInWindow += 1;

    const lookup = fetchKey(kid)
      .then((key) => {
        // A key served under another kid is not this kid's key.
        const found = key && key.kid === kid ? key : null;
        remember(kid, found, at);
        return found;
      })
      .finally(() => inFlight.delete(kid));
    inFlight.set(kid, lookup);
    return lookup;
  }

  return { getKey };
}
