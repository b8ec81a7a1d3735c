import { describe, expect, it } from "vitest";
import { calculateNextSync } from "./schedule";

describe("calculateNextSync", () => {
  const now = new Date("2026-03-10T12:00:00.000Z");
  const lastSyncAt = new Date("2026-03-10T08:30:00.000Z");

  it.each([
    ["hourly", "2026-03-10T09:30:00.000Z"],
    ["daily", "2026-03-11T08:30:00.000Z"],
    ["weekly", "2026-03-17T08:30:00.000Z"],
  ])("%s: one interval after the last sync", (syncFrequency, expected) => {
    expect(calculateNextSync({ syncFrequency, lastSyncAt, now, maintenanceUntil: null })?.toISOString()).toBe(expected);
  });

  it.each(["hourly", "daily", "weekly"])("%s: a connection never synced is due now", (syncFrequency) => {
    expect(calculateNextSync({ syncFrequency, lastSyncAt: null, now, maintenanceUntil: null })).toEqual(now);
  });

  it.each(["manual", "real_time"])("%s: nothing is scheduled", (syncFrequency) => {
    expect(calculateNextSync({ syncFrequency, lastSyncAt, now, maintenanceUntil: null })).toBeNull();
    const maintenanceUntil = new Date("2026-03-12T00:00:00.000Z");
    expect(calculateNextSync({ syncFrequency, lastSyncAt: null, now, maintenanceUntil })).toBeNull();
  });

  it("moves a time inside the maintenance window to its end", () => {
    const maintenanceUntil = new Date("2026-03-11T10:00:00.000Z");
    expect(calculateNextSync({ syncFrequency: "daily", lastSyncAt, now, maintenanceUntil })).toEqual(maintenanceUntil);
    expect(calculateNextSync({ syncFrequency: "hourly", lastSyncAt: null, now, maintenanceUntil })).toEqual(
      maintenanceUntil,
    );
  });

  it("leaves a time after the maintenance window, or exactly at its end, alone", () => {
    const past = new Date("2026-03-01T00:00:00.000Z");
    expect(calculateNextSync({ syncFrequency: "daily", lastSyncAt, now, maintenanceUntil: past })?.toISOString()).toBe(
      "2026-03-11T08:30:00.000Z",
    );
    const exactly = new Date("2026-03-11T08:30:00.000Z");
    expect(calculateNextSync({ syncFrequency: "daily", lastSyncAt, now, maintenanceUntil: exactly })).toEqual(exactly);
  });

  it("rejects a frequency outside the vocabulary", () => {
    expect(() => calculateNextSync({ syncFrequency: "monthly", lastSyncAt, now })).toThrow(/Unknown sync frequency/);
  });

  it("does not hand back the caller's Date objects", () => {
    const next = calculateNextSync({ syncFrequency: "daily", lastSyncAt: null, now, maintenanceUntil: null });
    expect(next).not.toBe(now);
  });
});
