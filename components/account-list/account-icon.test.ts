import { describe, expect, it } from "vitest";
import { ACCOUNT_ICON_NAMES } from "@/lib/preferences/options";
import { resolveAccountIcon } from "./account-icon";

describe("resolveAccountIcon", () => {
  it.each(ACCOUNT_ICON_NAMES)("draws %s, which the settings form offers, as itself", (icon) => {
    // A type whose own icon is a different one, so a missing drawing cannot pass as the fallback.
    const type = icon === "credit-card" ? "loan" : "credit";
    expect(resolveAccountIcon({ icon, type })).toBe(icon);
  });

  it("reads the other names for the same pictures as those icons", () => {
    expect(resolveAccountIcon({ icon: "landmark", type: "other" })).toBe("bank");
    expect(resolveAccountIcon({ icon: "house", type: "other" })).toBe("home");
  });

  it("falls back to the account type's icon for no choice or an unknown name", () => {
    expect(resolveAccountIcon({ icon: null, type: "credit" })).toBe("credit-card");
    expect(resolveAccountIcon({ icon: "rocket", type: "investment" })).toBe("chart");
    expect(resolveAccountIcon({ icon: "toString", type: "depository" })).toBe("bank");
    expect(resolveAccountIcon({ icon: null, type: "something-new" })).toBe("coins");
  });
});
