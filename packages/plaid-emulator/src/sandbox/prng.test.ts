import { describe, expect, it } from "vitest";
import { createRng, PLAID_ID_LENGTH, roundMoney } from "./prng.ts";

const draw = (key: Array<string | number>, n = 20) => {
  const rng = createRng(...key);
  return Array.from({ length: n }, () => rng.next());
};

describe("createRng", () => {
  it("repeats the same sequence for the same key", () => {
    expect(draw([42, "history"])).toEqual(draw([42, "history"]));
  });

  it("gives unrelated sequences for different seeds and labels", () => {
    expect(draw([42, "history"])).not.toEqual(draw([43, "history"]));
    expect(draw([42, "history"])).not.toEqual(draw([42, "refresh"]));
  });

  it("stays in [0, 1) and spreads over it", () => {
    const values = draw([7], 5000);
    expect(Math.min(...values)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...values)).toBeLessThan(1);
    const mean = values.reduce((sum, value) => sum + value, 0) / values.length;
    expect(mean).toBeGreaterThan(0.47);
    expect(mean).toBeLessThan(0.53);
  });

  it("draws integers with both bounds included", () => {
    const rng = createRng("int");
    const seen = new Set(Array.from({ length: 500 }, () => rng.int(3, 6)));
    expect([...seen].sort()).toEqual([3, 4, 5, 6]);
  });

  it("clamps amounts to their range and rounds them to cents", () => {
    const rng = createRng("amount");
    for (let i = 0; i < 500; i++) {
      const amount = rng.amount({ mean: 10, sd: 50, min: 2.5, max: 30 });
      expect(amount).toBeGreaterThanOrEqual(2.5);
      expect(amount).toBeLessThanOrEqual(30);
      expect(Math.round(amount * 100) / 100).toBe(amount);
    }
  });

  it("makes Plaid-looking ids", () => {
    const rng = createRng("ids");
    const ids = Array.from({ length: 1000 }, () => rng.id());
    for (const id of ids) expect(id).toMatch(new RegExp(`^[A-Za-z0-9]{${PLAID_ID_LENGTH}}$`));
    expect(new Set(ids).size).toBe(ids.length);
  });

  it("refuses to pick from nothing", () => {
    expect(() => createRng("empty").pick([])).toThrow();
  });
});

describe("roundMoney", () => {
  it("rounds to cents without binary noise", () => {
    expect(roundMoney(0.1 + 0.2)).toBe(0.3);
    expect(roundMoney(19.999)).toBe(20);
    expect(roundMoney(-3.456)).toBe(-3.46);
  });
});
