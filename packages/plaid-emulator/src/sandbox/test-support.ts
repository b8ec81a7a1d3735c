// Test helper: reads Plaid's own type definitions so shape tests check against the installed `plaid`
// package rather than a hand-kept list that could drift from it.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { expect } from "vitest";

let source: string | null = null;
const cache = new Map<string, string[]>();

/** The keys `interface <name>` in plaid's api.d.ts declares without `?`. */
export function requiredKeysOf(name: string): string[] {
  const cached = cache.get(name);
  if (cached) return cached;
  source ??= readFileSync(createRequire(import.meta.url).resolve("plaid/dist/api.d.ts"), "utf8");
  const start = source.indexOf(`export interface ${name} {`);
  if (start < 0) throw new Error(`plaid declares no interface ${name}`);
  const body = source.slice(start, source.indexOf("\n}", start));
  const keys = [...body.matchAll(/^ {4}(\w+)(\??):/gm)].filter((match) => match[2] === "").map((match) => match[1]);
  if (keys.length === 0) throw new Error(`found no required keys in ${name}`);
  cache.set(name, keys as string[]);
  return keys as string[];
}

/** Fails unless `value` has every key Plaid requires of `name` (present, possibly null). */
export function expectPlaidShape(value: object, name: string): void {
  const missing = requiredKeysOf(name).filter((key) => !(key in value));
  expect(missing, `${name} is missing ${missing.join(", ")}`).toEqual([]);
}

/** The ABA checksum every US routing number satisfies. */
export function isValidRoutingNumber(routing: string): boolean {
  if (!/^\d{9}$/.test(routing)) return false;
  const d = [...routing].map(Number) as number[];
  const sum = (i: number) => (d[i] ?? 0) + (d[i + 3] ?? 0) + (d[i + 6] ?? 0);
  return (3 * sum(0) + 7 * sum(1) + sum(2)) % 10 === 0;
}
