// The bank's side of a connection's freshness: "Bank last updated data 3 hours ago" (from Plaid's
// /item/get), a warning when that is longer ago than the connection's sync frequency allows, and one
// when the institution reports trouble. Words carry the meaning; colour only repeats it.
import type { BankHealth } from "@/lib/accounts/bank-health";
import type { Display } from "@/lib/format/display";

const warning = "text-amber-800 dark:text-amber-300";

export function BankLastUpdated({ health, display }: { health: BankHealth; display: Display }) {
  if (!health.lastUpdatedAt) return null;
  return (
    <span>
      Bank last updated data{" "}
      <time dateTime={health.lastUpdatedAt.toISOString()} title={display.dateTime(health.lastUpdatedAt)}>
        {display.relative(health.lastUpdatedAt)}
      </time>
    </span>
  );
}

export function BankHealthWarnings({
  health,
  institutionName,
  display,
}: {
  health: BankHealth;
  institutionName: string;
  display: Display;
}) {
  if (!health.stale && !health.trouble) return null;
  return (
    <ul className={`space-y-1 text-sm ${warning}`} data-testid="bank-health-warnings">
      {health.trouble ? (
        <li>
          {institutionName} is having trouble right now
          {health.trouble === "DOWN" ? " and is not sending updates" : ", so updates may be late"}.
        </li>
      ) : null}
      {health.stale && health.lastUpdatedAt ? (
        <li>
          Figures may be out of date: {institutionName} has not sent new data since{" "}
          {display.dateTime(health.lastUpdatedAt)}.
        </li>
      ) : null}
    </ul>
  );
}
