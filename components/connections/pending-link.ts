// The Link session an OAuth bank takes the person away from: saved before Link opens, read back on
// /oauth-return, where Link must be reopened with the very same link token (Plaid's OAuth guide). Kept in
// localStorage because the bank may send the person back in a new tab; the link token opens nothing
// without the bank's oauth_state_id, and it is dropped once used.
export type LinkTarget =
  | { mode: "create" }
  | {
      mode: "update";
      connectionId: string /** Link's account selection (Add accounts). */;
      accountSelection?: boolean;
    };

/** The form fields that name update mode's connection (and its account selection) to the server. */
export function targetFields(target: LinkTarget): Record<string, string> {
  if (target.mode === "create") return {};
  return { connectionId: target.connectionId, ...(target.accountSelection ? { accountSelection: "on" } : {}) };
}

export type PendingLink = { linkToken: string; target: LinkTarget; startedAt: number };

const KEY = "mingus:pending-link";

// A person takes minutes at their bank; past this the session is not worth resuming.
export const PENDING_LINK_MAX_AGE_MS = 30 * 60 * 1000;

export function savePendingLink(pending: PendingLink): void {
  try {
    window.localStorage.setItem(KEY, JSON.stringify(pending));
  } catch {
    // Storage refused (private mode, full): OAuth banks then cannot finish, the others never need it.
  }
}

export function clearPendingLink(): void {
  try {
    window.localStorage.removeItem(KEY);
  } catch {
    // Nothing stored.
  }
}

function isTarget(value: unknown): value is LinkTarget {
  if (typeof value !== "object" || value === null) return false;
  const target = value as { mode?: unknown; connectionId?: unknown; accountSelection?: unknown };
  return (
    target.mode === "create" ||
    (target.mode === "update" &&
      typeof target.connectionId === "string" &&
      (target.accountSelection === undefined || typeof target.accountSelection === "boolean"))
  );
}

/** What is waiting: nothing, a session too old to resume, or the session itself. */
export function readPendingLink(
  now = Date.now(),
): { state: "none" } | { state: "stale" } | { state: "ready"; pending: PendingLink } {
  let parsed: unknown;
  try {
    parsed = JSON.parse(window.localStorage.getItem(KEY) ?? "null");
  } catch {
    parsed = null;
  }
  const candidate = parsed as Partial<PendingLink> | null;
  if (!candidate || typeof candidate.linkToken !== "string" || typeof candidate.startedAt !== "number") {
    return { state: "none" };
  }
  if (!isTarget(candidate.target)) return { state: "none" };
  if (now - candidate.startedAt > PENDING_LINK_MAX_AGE_MS || candidate.startedAt > now) return { state: "stale" };
  return {
    state: "ready",
    pending: { linkToken: candidate.linkToken, target: candidate.target, startedAt: candidate.startedAt },
  };
}
