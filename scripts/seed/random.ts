// Deterministic randomness for the demo data: a seeded PRNG (mulberry32), so two seeds of the same day
// produce the same amounts, and one stream per purpose, so adding an account never shifts another.
import "server-only";

/** FNV-1a: turns a stream name into a 32-bit seed. */
function hashSeed(name: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < name.length; i++) {
    hash ^= name.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

export interface Random {
  /** Uniform in [0, 1). */
  next(): number;
  /** True with the given probability. */
  chance(probability: number): boolean;
  /** Uniform integer in [min, max]. */
  int(min: number, max: number): number;
  /** Whole cents, uniform between two dollar amounts. */
  cents(minDollars: number, maxDollars: number): number;
  /** Standard normal (Box-Muller). */
  normal(): number;
  /** One item, weighted by its `weight`. */
  weighted<T extends { weight: number }>(items: readonly T[]): T;
}

export function createRandom(stream: string): Random {
  let state = hashSeed(`mingus-demo:${stream}`);
  const next = () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    chance: (probability) => next() < probability,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    cents: (minDollars, maxDollars) => Math.round((minDollars + next() * (maxDollars - minDollars)) * 100),
    normal: () => Math.sqrt(-2 * Math.log(1 - next())) * Math.cos(2 * Math.PI * next()),
    weighted(items) {
      const total = items.reduce((sum, item) => sum + item.weight, 0);
      let pick = next() * total;
      for (const item of items) {
        pick -= item.weight;
        if (pick < 0) return item;
      }
      const last = items.at(-1);
      if (!last) throw new Error("weighted() needs at least one item");
      return last;
    },
  };
}
