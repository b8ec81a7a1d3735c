import { describe, expect, it } from "vitest";
import { detailedCategory, duration, humanize, percent } from "./labels";

describe("labels", () => {
  it("turns codes into words", () => {
    expect(humanize("FOOD_AND_DRINK")).toBe("Food and drink");
    expect(humanize("credit card")).toBe("Credit card");
    expect(humanize(null)).toBe("");
    expect(detailedCategory("FOOD_AND_DRINK", "FOOD_AND_DRINK_COFFEE")).toBe("Coffee");
    expect(detailedCategory("INCOME", "TRANSFER_IN_SAVINGS")).toBe("Transfer in savings");
  });

  it("formats rates and durations", () => {
    expect(percent(4.1)).toBe("4.1%");
    expect(percent(24.99)).toBe("24.99%");
    expect(percent(0.01)).toBe("0.01%");
    expect(duration(2.3456)).toBe("2.3 s");
    expect(duration(21.5)).toBe("22 s");
    expect(duration(72.4)).toBe("1 min 12 s");
  });
});
