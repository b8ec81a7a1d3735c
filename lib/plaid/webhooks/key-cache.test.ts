import { describe, expect, it, vi } from "vitest";
import { createWebhookKeyCache, type WebhookKey } from "./key-cache";

const T0 = new Date("2026-11-24T12:00:00Z");
const later = (ms: number) => new Date(T0.getTime() + ms);

const keyFor = (kid: string): WebhookKey => ({
  alg: "ES256",
  crv: "P-256",
  kid,
  kty: "EC",
  use: "sig",
  x: "x",
  y: "y",
  created_at: 0,
  expired_at: null,
});

describe("createWebhookKeyCache", () => {
  it("fetches a known kid once and serves it from memory until the TTL passes", async () => {
    const fetchKey = vi.fn(async (kid: string) => keyFor(kid));
    const cache = createWebhookKeyCache({ fetchKey, ttlMs: 60_000 });
    expect(await cache.getKey("k1", T0)).toEqual(keyFor("k1"));
    expect(await cache.getKey("k1", later(59_000))).toEqual(keyFor("k1"));
    expect(fetchKey).toHaveBeenCalledTimes(1);
    await cache.getKey("k1", later(61_000));
    expect(fetchKey).toHaveBeenCalledTimes(2);
  });

  it("remembers an unknown kid briefly, so repeated forgeries do not each reach Plaid", async () => {
    const fetchKey = vi.fn(async () => null);
    const cache = createWebhookKeyCache({ fetchKey, unknownTtlMs: 60_000 });
    for (let i = 0; i < 5; i++) expect(await cache.getKey("forged", later(i * 1000))).toBeNull();
    expect(fetchKey).toHaveBeenCalledTimes(1);
    await cache.getKey("forged", later(61_000));
    expect(fetchKey).toHaveBeenCalledTimes(2);
  });

  it("caps lookups of new kids per minute", async () => {
    const fetchKey = vi.fn(async () => null);
    const cache = createWebhookKeyCache({ fetchKey, maxFetchesPerMinute: 3 });
    for (let i = 0; i < 10; i++) await cache.getKey(`forged-${i}`, T0);
    expect(fetchKey).toHaveBeenCalledTimes(3);
    await cache.getKey("real", later(60_000));
    expect(fetchKey).toHaveBeenCalledTimes(4);
  });

  it("shares one lookup between concurrent requests for the same kid", async () => {
    let release: (key: WebhookKey) => void = () => {};
    const fetchKey = vi.fn(() => new Promise<WebhookKey>((resolve) => (release = resolve)));
    const cache = createWebhookKeyCache({ fetchKey });
    const both = Promise.all([cache.getKey("k1", T0), cache.getKey("k1", T0)]);
    release(keyFor("k1"));
    expect(await both).toEqual([keyFor("k1"), keyFor("k1")]);
    expect(fetchKey).toHaveBeenCalledTimes(1);
  });

  it("does not cache a failed lookup, and ignores a key served under another kid", async () => {
    const fetchKey = vi
      .fn<(kid: string) => Promise<WebhookKey | null>>()
      .mockRejectedValueOnce(new Error("Plaid down"))
      .mockResolvedValueOnce(keyFor("other"));
    const cache = createWebhookKeyCache({ fetchKey });
    await expect(cache.getKey("k1", T0)).rejects.toThrow("Plaid down");
    expect(await cache.getKey("k1", T0)).toBeNull();
    expect(fetchKey).toHaveBeenCalledTimes(2);
  });
});
