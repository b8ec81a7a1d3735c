// /transactions/sync cursors: opaque to callers, base64url JSON to the emulator. A cursor names a
// snapshot of the item's change log, the events in (from, to], and the position `after` the caller
// has paged to: the seq of the last event it was given (`from` on a snapshot's first page). A page is
// then a range read of the log from `after`, whatever the log's length. `item` binds a cursor to one
// item (a hash prefix, not the id).
import { createHash } from "node:crypto";

export type SyncCursor = { from: number; to: number; after: number };

/** A cursor the emulator issued before positions were seqs (v1: an offset into the snapshot). */
export type LegacyCursor = { legacy: true; from: number; to: number; offset: number };

const VERSION = 2;

function itemTag(itemId: string): string {
  return createHash("sha256").update(itemId).digest("hex").slice(0, 8);
}

export function encodeCursor(itemId: string, cursor: SyncCursor): string {
  const json = JSON.stringify({ v: VERSION, item: itemTag(itemId), ...cursor });
  return Buffer.from(json, "utf8").toString("base64url");
}

const isCount = (value: unknown): value is number => Number.isSafeInteger(value) && (value as number) >= 0;

function parse(encoded: string): Record<string, unknown> | null {
  if (!/^[A-Za-z0-9_-]+$/.test(encoded)) return null;
  try {
    const parsed: unknown = JSON.parse(Buffer.from(encoded, "base64url").toString("utf8"));
    return typeof parsed === "object" && parsed !== null ? (parsed as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

/**
 * The cursor, a v1 cursor a caller stored before an upgrade, or null when it is not one this item
 * issued (the caller answers INVALID_FIELD).
 */
export function decodeCursor(itemId: string, encoded: string): SyncCursor | LegacyCursor | null {
  const parsed = parse(encoded);
  if (!parsed || parsed.item !== itemTag(itemId)) return null;
  const { v, from, to } = parsed;
  if (!isCount(from) || !isCount(to) || from > to) return null;
  if (v === 1) {
    const { offset } = parsed;
    return isCount(offset) ? { legacy: true, from, to, offset } : null;
  }
  if (v !== VERSION) return null;
  const { after } = parsed;
  if (!isCount(after) || after < from || after > to) return null;
  return { from, to, after };
}

/**
 * True when the cursor continues a pagination (a page after a snapshot's first), without checking
 * whose it is (false for none or garbage): the mutate_during_pagination fault acts only then.
 */
export function continuesPagination(encoded: string | null | undefined): boolean {
  const parsed = encoded ? parse(encoded) : null;
  if (!parsed) return false;
  if (parsed.v === 1) return isCount(parsed.offset) && parsed.offset > 0;
  return isCount(parsed.after) && isCount(parsed.from) && parsed.after > parsed.from;
}
