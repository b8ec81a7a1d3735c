import { beforeEach, describe, expect, it, vi } from "vitest";
import { db } from "@/lib/db";
import { createPreferences, createUser } from "@/lib/test/factories";

const session = vi.hoisted(() => ({ user: null as null | { id: string; email: string; name: null; role: "user" } }));
vi.mock("@/lib/auth/session", () => ({ getCurrentUser: async () => session.user }));
vi.mock("next/cache", () => ({ revalidatePath: vi.fn() }));

const { saveGlobalPreferencesAction } = await import("./actions");

const VALID = {
  syncFrequency: "weekly",
  notificationFrequency: "daily",
  defaultCurrency: "EUR",
  dateFormat: "yyyy-MM-dd",
  timeFormat: "24h",
  lowBalanceAlert: "on",
  lowBalanceThreshold: "250",
  emailNotifications: "on",
};

function submit(fields: Record<string, string>) {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) form.set(name, value);
  return saveGlobalPreferencesAction({}, form);
}

async function signInAs() {
  const user = await createUser();
  session.user = { id: user.id, email: user.email, name: null, role: "user" };
  await createPreferences({ userId: user.id, defaultCurrency: "USD", dateFormat: "MMM d, yyyy", showBalances: true });
  return user;
}

const globalRow = (userId: string) =>
  db.bankingPreferences.findFirstOrThrow({ where: { userId, bankAccountId: null } });

describe("saveGlobalPreferencesAction", () => {
  beforeEach(() => {
    session.user = null;
  });

  it("saves a valid form and says so", async () => {
    const user = await signInAs();
    expect(await submit(VALID)).toEqual({ ok: true, message: "Saved." });
    const row = await globalRow(user.id);
    expect(row).toMatchObject({
      defaultCurrency: "EUR",
      dateFormat: "yyyy-MM-dd",
      timeFormat: "24h",
      showBalances: false,
    });
    expect(row.lowBalanceThreshold?.toFixed(2)).toBe("250.00");
  });

  it("clears the display currency when the field is left empty, so totals stay per currency", async () => {
    const user = await signInAs();
    expect(await submit({ ...VALID, defaultCurrency: "" })).toEqual({ ok: true, message: "Saved." });
    expect((await globalRow(user.id)).defaultCurrency).toBeNull();
  });

  it("writes nothing when any field is invalid, and names the field", async () => {
    const user = await signInAs();
    const before = await globalRow(user.id);
    const result = await submit({ ...VALID, defaultCurrency: "usd" });
    expect(result.ok).toBeUndefined();
    expect(result.message).toBe("Nothing was saved. Check the highlighted fields.");
    expect(Object.keys(result.errors ?? {})).toEqual(["defaultCurrency"]);
    expect(await globalRow(user.id)).toEqual(before);
  });

  it("asks a signed-out visitor to sign in and writes nothing", async () => {
    const before = await db.bankingPreferences.findMany({ orderBy: { id: "asc" } });
    const result = await submit(VALID);
    expect(result.message).toBe("Your session has ended. Sign in again.");
    expect(await db.bankingPreferences.findMany({ orderBy: { id: "asc" } })).toEqual(before);
  });
});
