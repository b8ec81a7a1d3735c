// Connection expiring: the bank's access for Mingus ends within 7 days (an expiring consent, or Plaid's
// PENDING_DISCONNECT), and renewing it (Link's update mode) keeps the accounts syncing. Once per expiry:
// the alert names the date, and a renewal that moves or lifts the date re-arms the rule. On by default.
import { accessEndingSoon, accessRevokedBy } from "@/lib/accounts";
import type { AlertContent, ConnectionRule } from "./types";

const DAY = new Intl.DateTimeFormat("en-US", { dateStyle: "long", timeZone: "UTC" });

export const connectionExpiringRule: ConnectionRule<"connection_expiring"> = {
  kind: "connection_expiring",
  label: "Connection expiring",
  nouns: ["connection expiring", "connections expiring"],
  scope: "connection",
  stateKey: "connection_expiring",
  settings: {
    toggle: "connectionExpiringAlert",
    label: "Connection expiring",
    hint: "A week before a bank stops sharing data with Mingus, so you can renew it.",
    threshold: null,
    amountLabel: null,
  },
  evaluate({ connection, previous, now }) {
    // A revoked connection has its own, stronger message (reconnect needed).
    const ends = connection.isActive && !accessRevokedBy(connection) ? accessEndingSoon(connection, now) : null;
    const wanted = ends ? "active" : "clear";
    if (previous?.state === wanted) return { next: previous, alert: null };
    const next = { state: wanted, threshold: null } as const;
    if (!ends) return { next, alert: null };
    return {
      next,
      alert: {
        content: connectionExpiringContent({
          institutionName: connection.institutionName,
          connectionId: connection.id,
          endsAt: ends,
        }),
        // One alert per expiry: the same date evaluated again is the same notification.
        dedupeKey: `connection_expiring:${connection.id}:${ends.toISOString()}`,
      },
    };
  },
};

export function connectionExpiringContent({
  institutionName,
  connectionId,
  endsAt,
}: {
  institutionName: string;
  connectionId: string;
  endsAt: Date;
}): AlertContent {
  const day = DAY.format(endsAt);
  return {
    kind: "connection_expiring",
    title: `Access to ${institutionName} ends on ${day}`,
    body:
      `${institutionName} will stop sharing your accounts with Mingus on ${day}. ` +
      "Renew the connection before then to keep your balances and transactions up to date.",
    reason: `${institutionName}'s permission for Mingus to read your accounts is about to expire.`,
    data: {
      connection_id: connectionId,
      institution_name: institutionName,
      access_ends_at: endsAt.toISOString(),
      summary: `Access to ${institutionName} ends on ${day}: renew it in Mingus`,
    },
  };
}
