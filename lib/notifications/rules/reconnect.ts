// Needs reconnecting: the connection started needing its person's login (requires_reauth). Once per
// episode, always, whatever the alert toggles say: nothing syncs until they act.
import type { AlertContent, ConnectionRule } from "./types";

export const reconnectRule: ConnectionRule<"reconnect_required"> = {
  kind: "reconnect_required",
  label: "Reconnect needed",
  nouns: ["connection to reconnect", "connections to reconnect"],
  scope: "connection",
  stateKey: "reconnect",
  settings: null,
  evaluate({ connection, previous, now }) {
    const wanted = connection.isActive && connection.requiresReauth ? "active" : "clear";
    if (previous?.state === wanted) return { next: previous, alert: null };
    const next = { state: wanted, threshold: null } as const;
    if (wanted === "clear") return { next, alert: null };
    return {
      next,
      alert: {
        content: reconnectContent({ institutionName: connection.institutionName }),
        // One alert per episode: the moment the state changed names it.
        dedupeKey: `reconnect:${connection.id}:${now.toISOString()}`,
      },
    };
  },
};

export function reconnectContent({
  institutionName,
  connectionId = null,
}: {
  institutionName: string;
  connectionId?: string | null;
}): AlertContent {
  return {
    kind: "reconnect_required",
    title: `Reconnect ${institutionName}`,
    body:
      `The bank needs you to sign in again before Mingus can sync your ${institutionName} accounts. ` +
      "Until then their balances and transactions stay as they were at the last sync.",
    reason: `${institutionName} stopped accepting the saved connection, usually after a password change or when its access expires.`,
    data: {
      connection_id: connectionId,
      institution_name: institutionName,
      summary: `Reconnect ${institutionName} so Mingus can keep syncing`,
    },
  };
}
