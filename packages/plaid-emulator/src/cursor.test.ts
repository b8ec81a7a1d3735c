import { describe, expect, it } from "vitest";
import { cursorOffset, decodeCursor, encodeCursor } from "./cursor.ts";

describe("sync cursors", () => {
  it("round-trip for the item that issued them, as opaque base64url", () => {
    const cursor = encodeCursor("item-a", { from: 10, to: 2000, offset: 500 });
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeCursor("item-a", cursor)).toEqual({ from: 10, to: 2000, offset: 500 });
    expect(cursorOffset(cursor)).toBe(500);
  });

  it("are refused for another item, when tampered with, or when they make no sense", () => {
    const cursor = encodeCursor("item-a", { from: 0, to: 5, offset: 0 });
    expect(decodeCursor("item-b", cursor)).toBeNull();
    expect(decodeCursor("item-a", `${cursor}x`)).toBeNull();
    expect(decodeCursor("item-a", "not a cursor!")).toBeNull();
    const backwards = Buffer.from(JSON.stringify({ v: 1, item: "x", from: 9, to: 5, offset: 0 })).toString("base64url");
    expect(decodeCursor("item-a", backwards)).toBeNull();
    expect(decodeCursor("item-a", encodeCursor("item-a", { from: 0, to: 5, offset: -1 }))).toBeNull();
    expect(cursorOffset("garbage")).toBe(0);
    expect(cursorOffset(undefined)).toBe(0);
  });
});
