import { describe, expect, it } from "vitest";
import { continuesPagination, decodeCursor, encodeCursor } from "./cursor.ts";

const raw = (value: object) => Buffer.from(JSON.stringify(value)).toString("base64url");

describe("sync cursors", () => {
  it("round-trip for the item that issued them, as opaque base64url", () => {
    const cursor = encodeCursor("item-a", { from: 10, to: 2000, after: 510 });
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeCursor("item-a", cursor)).toEqual({ from: 10, to: 2000, after: 510 });
    expect(continuesPagination(cursor)).toBe(true);
    expect(continuesPagination(encodeCursor("item-a", { from: 10, to: 2000, after: 10 }))).toBe(false);
  });

  it("are refused for another item, when tampered with, or when they make no sense", () => {
    const cursor = encodeCursor("item-a", { from: 0, to: 5, after: 0 });
    expect(decodeCursor("item-b", cursor)).toBeNull();
    expect(decodeCursor("item-a", cursor.slice(0, -4))).toBeNull();
    expect(decodeCursor("item-a", "not a cursor!")).toBeNull();
    expect(decodeCursor("item-a", raw({ v: 2, item: "x", from: 9, to: 5, after: 9 }))).toBeNull();
    expect(decodeCursor("item-a", encodeCursor("item-a", { from: 0, to: 5, after: -1 }))).toBeNull();
    // The position lies inside its snapshot.
    expect(decodeCursor("item-a", encodeCursor("item-a", { from: 3, to: 5, after: 2 }))).toBeNull();
    expect(decodeCursor("item-a", encodeCursor("item-a", { from: 3, to: 5, after: 6 }))).toBeNull();
    expect(continuesPagination("garbage")).toBe(false);
    expect(continuesPagination(undefined)).toBe(false);
  });

  it("still read the offsets of the first version, so a cursor stored before an upgrade is not refused", () => {
    const { item: tag } = JSON.parse(
      Buffer.from(encodeCursor("item-a", { from: 0, to: 0, after: 0 }), "base64url").toString(),
    ) as { item: string };
    const v1 = raw({ v: 1, item: tag, from: 4, to: 9, offset: 300 });
    expect(decodeCursor("item-a", v1)).toEqual({ legacy: true, from: 4, to: 9, offset: 300 });
    expect(continuesPagination(v1)).toBe(true);
    expect(continuesPagination(raw({ v: 1, item: tag, from: 4, to: 9, offset: 0 }))).toBe(false);
    expect(decodeCursor("item-a", raw({ v: 1, item: tag, from: 4, to: 9 }))).toBeNull();
  });
});
