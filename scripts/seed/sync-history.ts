// Sixty days of sync history per connection: the initial sync at link time, then scheduled syncs (daily,
// or hourly for the last week of the hourly connection), manual refreshes, webhook-driven incremental
// syncs, an outage with failed syncs and a full resync, and one partial sync. Record counts follow the
// transactions that arrived between syncs.
import "server-only";
import type { SyncType } from "@/lib/db/vocabulary";
import { DAY_MS, startOfUtcDay } from "./calendar";
import type { AccountKey, DemoInstitution } from "./catalog";
import type { SeedTransaction } from "./ledger";
import { createRandom } from "./random";

const HOUR_MS = 3_600_000;
const MINUTE_MS = 60_000;
const LINKED_DAYS_AGO = 60;
const HOURLY_DAYS = 7;

type Trigger = "link" | "schedule" | "user" | "webhook" | "recovery";

interface Incident {
  status: "failed" | "partial";
  errorCode: string;
  errorMessage: string;
}

const INSTITUTION_DOWN: Incident = {
  status: "failed",
  errorCode: "INSTITUTION_DOWN",
  errorMessage: "First Platypus Bank is not responding (Plaid INSTITUTION_DOWN); the sync will be retried.",
};
const RATE_LIMITED: Incident = {
  status: "failed",
  errorCode: "RATE_LIMIT_EXCEEDED",
  errorMessage: "Too many refreshes for this item in a short time (Plaid RATE_LIMIT_EXCEEDED); try again shortly.",
};
const PARTIAL: Incident = {
  status: "partial",
  errorCode: "TRANSACTIONS_SYNC_MUTATION_DURING_PAGINATION",
  errorMessage: "Transactions changed while paging; 3 updates were not applied and will be picked up next sync.",
};

interface Plan {
  manualDays: number[];
  webhookDays: number[];
  hourly: boolean;
  /** Keyed by `${daysAgo}:${syncType}`: what goes wrong on that day's sync of that type. */
  incidents: Record<string, Incident | "recovery">;
}

const PLANS: Record<DemoInstitution["key"], Plan> = {
  "first-platypus": {
    manualDays: [52, 47, 41, 33, 24, 17, 9, 4, 1],
    webhookDays: [55, 50, 44, 38, 30, 27, 19, 13, 8, 5, 2],
    hourly: false,
    incidents: {
      "41:manual": RATE_LIMITED,
      "24:scheduled": INSTITUTION_DOWN,
      "24:manual": INSTITUTION_DOWN,
      "23:scheduled": INSTITUTION_DOWN,
      "22:scheduled": "recovery",
    },
  },
  tattersall: { manualDays: [45, 28, 6], webhookDays: [40, 21], hourly: true, incidents: { "12:scheduled": PARTIAL } },
};

export interface SeedSync {
  connection: DemoInstitution["key"];
  accountKey: AccountKey | null;
  syncType: SyncType;
  status: "success" | "failed" | "partial";
  startedAt: Date;
  completedAt: Date;
  duration: number;
  recordsProcessed: number;
  recordsFailed: number;
  recordsAdded: number;
  recordsUpdated: number;
  recordsDeleted: number;
  errorMessage: string | null;
  errorCode: string | null;
  retryCount: number;
  retryAfter: Date | null;
  context: Record<string, unknown>;
  metadata: Record<string, unknown>;
}

export interface ConnectionSyncState {
  linkedAt: Date;
  nextSyncAt: Date;
  cursor: string | null;
  lastError: string | null;
  lastErrorAt: Date | null;
  errorCount: number;
}

interface Candidate {
  startedAt: Date;
  syncType: SyncType;
  trigger: Trigger;
  daysAgo: number;
  accountKey: AccountKey | null;
}

function candidates(institution: DemoInstitution, accounts: readonly AccountKey[], now: Date): Candidate[] {
  const random = createRandom(`sync-times:${institution.key}`);
  const plan = PLANS[institution.key];
  const today = startOfUtcDay(now).getTime();
  const at = (daysAgo: number, hour: number, jitterMinutes: number) =>
    new Date(today - daysAgo * DAY_MS + hour * HOUR_MS + random.int(0, jitterMinutes * 60) * 1000);
  const list: Candidate[] = [];
  const linkedAt = at(LINKED_DAYS_AGO, 14, 50);
  list.push({ startedAt: linkedAt, syncType: "initial", trigger: "link", daysAgo: LINKED_DAYS_AGO, accountKey: null });
  // Through tomorrow, so the first scheduled slot after `now` is there to become next_sync_at.
  for (let daysAgo = LINKED_DAYS_AGO - 1; daysAgo >= -1; daysAgo--) {
    const hours = plan.hourly && daysAgo < HOURLY_DAYS ? Array.from({ length: 24 }, (_, hour) => hour) : [6];
    for (const hour of hours) {
      const startedAt = new Date(at(daysAgo, hour, 2).getTime() + 5 * MINUTE_MS);
      list.push({ startedAt, syncType: "scheduled", trigger: "schedule", daysAgo, accountKey: null });
    }
    if (plan.manualDays.includes(daysAgo)) {
      // About half the manual refreshes are of a single account.
      const accountKey = random.chance(0.5) ? (accounts[random.int(0, accounts.length - 1)] ?? null) : null;
      list.push({ startedAt: at(daysAgo, 19, 150), syncType: "manual", trigger: "user", daysAgo, accountKey });
    }
    if (plan.webhookDays.includes(daysAgo)) {
      list.push({
        startedAt: at(daysAgo, 13, 180),
        syncType: "incremental",
        trigger: "webhook",
        daysAgo,
        accountKey: null,
      });
    }
  }
  return list.sort((a, b) => a.startedAt.getTime() - b.startedAt.getTime());
}

export function buildSyncHistory(input: {
  institution: DemoInstitution;
  accounts: readonly AccountKey[];
  transactions: readonly SeedTransaction[];
  now: Date;
}): { syncs: SeedSync[]; state: ConnectionSyncState } {
  const { institution, now } = input;
  const random = createRandom(`sync-results:${institution.key}`);
  const plan = PLANS[institution.key];
  // A transaction reaches Plaid around midday of its date.
  const arrivals = input.transactions
    .filter((txn) => input.accounts.includes(txn.accountKey))
    .map((txn) => ({ at: txn.date.getTime() + 12 * HOUR_MS, replacesPending: txn.pendingTransactionId !== null }));
  const all = candidates(institution, input.accounts, now);
  const syncs: SeedSync[] = [];
  let cursorNumber = 0;
  let lastSuccessAt = 0;
  let failuresInRow = 0;
  let nextSyncAt: Date | undefined;

  for (const candidate of all) {
    const incident = plan.incidents[`${candidate.daysAgo}:${candidate.syncType}`];
    const syncType = incident === "recovery" ? "full" : candidate.syncType;
    const failed = incident !== undefined && incident !== "recovery" && incident.status === "failed";
    const seconds = syncType === "initial" || syncType === "full" ? 18 + random.next() * 14 : 0.8 + random.next() * 5;
    const duration = failed ? 2 + random.next() * 8 : seconds;
    const completedAt = new Date(candidate.startedAt.getTime() + Math.round(duration * 1000));
    if (completedAt > now) {
      // A scheduled sync still running at `now` is left out; the next one is the one after it.
      if (candidate.syncType === "scheduled" && candidate.startedAt > now) nextSyncAt ??= candidate.startedAt;
      continue;
    }
    const window = arrivals.filter(({ at }) => at > lastSuccessAt && at <= candidate.startedAt.getTime());
    const added = failed ? 0 : window.length;
    const deleted = failed ? 0 : window.filter((arrival) => arrival.replacesPending).length;
    const updated = failed || added === 0 ? 0 : random.int(0, Math.min(2, added));
    const recordsFailed = incident !== undefined && incident !== "recovery" && !failed ? 3 : 0;
    const cursorBefore = cursorNumber === 0 ? null : `demo-cursor-${institution.key}-${cursorNumber}`;
    if (!failed) cursorNumber++;
    failuresInRow = failed ? failuresInRow + 1 : 0;
    syncs.push({
      connection: institution.key,
      accountKey: candidate.accountKey,
      syncType,
      status: failed ? "failed" : incident !== undefined && incident !== "recovery" ? incident.status : "success",
      startedAt: candidate.startedAt,
      completedAt,
      duration: Math.round(duration * 1000) / 1000,
      recordsProcessed: added + updated + deleted + recordsFailed,
      recordsFailed,
      recordsAdded: added,
      recordsUpdated: updated,
      recordsDeleted: deleted,
      errorMessage: incident && incident !== "recovery" ? incident.errorMessage : null,
      errorCode: incident && incident !== "recovery" ? incident.errorCode : null,
      retryCount: failed ? failuresInRow - 1 : 0,
      retryAfter: failed ? new Date(completedAt.getTime() + 15 * MINUTE_MS * 2 ** (failuresInRow - 1)) : null,
      context: {
        trigger: incident === "recovery" ? "recovery" : candidate.trigger,
        ...(candidate.trigger === "webhook" ? { webhook_code: "SYNC_UPDATES_AVAILABLE" } : {}),
        cursor_before: cursorBefore,
        cursor_after: failed ? cursorBefore : `demo-cursor-${institution.key}-${cursorNumber}`,
        demo: true,
      },
      metadata: {
        request_id: `demo-req-${institution.key}-${syncs.length + 1}`,
        pages: Math.max(1, Math.ceil(added / 500)),
      },
    });
    if (!failed) lastSuccessAt = candidate.startedAt.getTime();
  }

  const failures = syncs.filter((sync) => sync.status === "failed");
  const lastFailure = failures.at(-1);
  const linkedAt = all[0]?.startedAt ?? now;
  return {
    syncs,
    state: {
      linkedAt,
      nextSyncAt: nextSyncAt ?? new Date(now.getTime() + (institution.syncFrequency === "hourly" ? HOUR_MS : DAY_MS)),
      cursor: cursorNumber === 0 ? null : `demo-cursor-${institution.key}-${cursorNumber}`,
      lastError: lastFailure ? `${lastFailure.errorCode}: ${lastFailure.errorMessage}` : null,
      lastErrorAt: lastFailure?.completedAt ?? null,
      // As updateSyncStatus keeps it: failures since the last success (none when the last run succeeded).
      errorCount: failures.filter((sync) => sync.startedAt.getTime() > lastSuccessAt).length,
    },
  };
}
