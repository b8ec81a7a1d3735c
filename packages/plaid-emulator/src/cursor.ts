// /transactions/sync cursors: opaque to callers, base64url JSON to the emulator. A cursor names a
// snapshot of the item's change log, the events in (from, to], and how far into that snapshot's
// net changes the caller has paged (offset). `item` binds it to one item (a hash prefix, not the id).
import { createHash } from "node:crypto";

export type SyncCursor = { from: number; to: number; offset: number };

function itemTag(itemId: string): string {
  return createHash("sha256").update(itemId).digest("hex").slice(0, 8);
}

export function encodeCursor(itemId: string, cursor: SyncCursor): string {
  const json = JSON.stringify({ v: 1, item: itemTag(itemId), ...cursor });
  return Buffer.from(json, "utf8").toString("base64url");
}

const isCount = (value: unknown): value is number => Number.isSafeInteger(value) && (value as number) >= 0;

/** The cursor, or null when it is not one this item issued (the caller answers INVALID_FIELD). */
export function decodeCursor(itemId: string, encoded: string): SyncCursor | null {
  if (!/^[A-Za-z0-9_-]+$/.test(encoded)) return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(encoded, "base64url").toString("utf8"));
  } catch {
    return null;
  }
  if (typeof parsed !== "object" || parsed === null) return null;
  const { v, item, from, to, offset } = parsed as Record<string, unknown>;
  if (v !== 1 || item !== itemTag(itemId)) return null;
  if (!isCount(from) || !isCount(to) || !isCount(offset) || from > to) return null;
  return { from, to, offset };
}

/** How far into its snapshot a cursor is, without checking whose it is (0 for none or garbage). */
export function cursorOffset(encoded: string | null | undefined): number {
  if (!encoded) return 0;
  try {
    const { offset } = JSON.parse(Buffer.from(encoded, "base64url").toString("utf8")) as { offset?: unknown };
    return isCount(offset) ? offset : 0;
  } catch {
    return 0;
  }
}
