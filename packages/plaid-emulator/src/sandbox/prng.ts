// Seeded randomness for the emulator's sandbox data. Everything an item shows must come back identical
// from the same seed, so nothing here may touch Math.random or the clock.

export type Rng = {
  /** A float in [0, 1). */
  next(): number;
  /** An integer in [min, max], both ends included. */
  int(min: number, max: number): number;
  pick<T>(items: readonly T[]): T;
  chance(probability: number): boolean;
  /** A normally distributed number (Box-Muller). */
  normal(mean: number, sd: number): number;
  /** A money amount with two decimals: normal around `mean`, clamped to [min, max]. */
  amount(spec: AmountSpec): number;
  /** A Plaid-looking identifier: `length` characters of [A-Za-z0-9]. */
  id(length?: number): string;
};

export type AmountSpec = { mean: number; sd: number; min: number; max?: number };

const ID_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

/** Plaid's account, item and transaction ids are 37 base62 characters. */
export const PLAID_ID_LENGTH = 37;

// cyrb128: spreads an arbitrary string key over the 128 bits sfc32 needs, so streams keyed by
// different labels ("accounts", "refresh|3") are unrelated rather than offsets of one sequence.
function hashKey(key: string): [number, number, number, number] {
  let h1 = 1779033703;
  let h2 = 3144134277;
  let h3 = 1013904242;
  let h4 = 2773480762;
  for (let i = 0; i < key.length; i++) {
    const k = key.charCodeAt(i);
    h1 = h2 ^ Math.imul(h1 ^ k, 597399067);
    h2 = h3 ^ Math.imul(h2 ^ k, 2869860233);
    h3 = h4 ^ Math.imul(h3 ^ k, 951274213);
    h4 = h1 ^ Math.imul(h4 ^ k, 2716044179);
  }
  h1 = Math.imul(h3 ^ (h1 >>> 18), 597399067);
  h2 = Math.imul(h4 ^ (h2 >>> 22), 2869860233);
  h3 = Math.imul(h1 ^ (h3 >>> 17), 951274213);
  h4 = Math.imul(h2 ^ (h4 >>> 19), 2716044179);
  return [(h1 ^ h2 ^ h3 ^ h4) >>> 0, (h2 ^ h1) >>> 0, (h3 ^ h1) >>> 0, (h4 ^ h1) >>> 0];
}

// sfc32: small, fast, 128-bit state, passes PractRand; plenty for test data.
function sfc32(seed: [number, number, number, number]): () => number {
  let [a, b, c, d] = seed;
  const step = () => {
    a >>>= 0;
    b >>>= 0;
    c >>>= 0;
    d >>>= 0;
    let t = (a + b) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    d = (d + 1) | 0;
    t = (t + d) | 0;
    c = (c + t) | 0;
    return (t >>> 0) / 4294967296;
  };
  // The first outputs still echo the seed; discard them.
  for (let i = 0; i < 15; i++) step();
  return step;
}

/** A random stream named by its key parts, e.g. `createRng(seed, "history", "2026-11-24")`. */
export function createRng(...key: Array<string | number>): Rng {
  const next = sfc32(hashKey(key.join("|")));
  const rng: Rng = {
    next,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    pick: (items) => {
      if (items.length === 0) throw new Error("pick from an empty list");
      return items[Math.floor(next() * items.length)] as (typeof items)[number];
    },
    chance: (probability) => next() < probability,
    normal: (mean, sd) => {
      const u = 1 - next();
      const v = next();
      return mean + sd * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    },
    amount: ({ mean, sd, min, max = Number.POSITIVE_INFINITY }) =>
      roundMoney(Math.min(max, Math.max(min, rng.normal(mean, sd)))),
    id: (length = PLAID_ID_LENGTH) => {
      let out = "";
      for (let i = 0; i < length; i++) out += ID_ALPHABET[Math.floor(next() * ID_ALPHABET.length)];
      return out;
    },
  };
  return rng;
}

/** Rounds to cents through integers so sums of amounts never pick up binary noise. */
export function roundMoney(value: number): number {
  return Math.round(value * 100) / 100;
}
