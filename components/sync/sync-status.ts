// What "Sync now" says about a run, from the JSON GET /api/connections/<id>/sync returns: queued (or
// waiting for the sync service), syncing with a count, synced with what changed, or why it failed.
// Pure, so it is tested as such.

export type SyncSnapshot = {
  id: string;
  status: string;
  syncType: string;
  trigger: string | null;
  startedAt: string | null;
  completedAt: string | null;
  counts: { processed: number; added: number; updated: number; deleted: number; failed: number };
  errorCode: string | null;
  errorMessage: string | null;
  retryAfter: string | null;
  /**
   * "refreshing": the bank is being asked for new transactions (/transactions/refresh) first.
   * "waiting_for_service": due for over two minutes and no job worker is alive to run it.
   */
  step?: "refreshing" | "waiting_for_service" | null;
};

export type SyncStatusText = { text: string; tone: "progress" | "success" | "error" };

const count = new Intl.NumberFormat("en-US");

export function isSyncRunning(status: string): boolean {
  return status === "pending" || status === "in_progress";
}

/** `now` is injectable for tests. */
export function describeSync(sync: SyncSnapshot, now = new Date()): SyncStatusText {
  const { processed, added, updated, deleted, failed } = sync.counts;
  const changes = `${count.format(added)} added, ${count.format(updated)} updated, ${count.format(deleted)} removed`;
  switch (sync.status) {
    case "pending":
      if (sync.step === "refreshing") return { text: "Asking your bank for new transactions…", tone: "progress" };
      // No worker is running: nothing will happen until one starts (the admin page says how).
      if (sync.step === "waiting_for_service") {
        return { text: "Waiting for the sync service…", tone: "progress" };
      }
      // A retry the bank asked to be held back (Retry-After, an outage) starts when the wait is over.
      return sync.retryAfter && new Date(sync.retryAfter) > now
        ? { text: "Queued… waiting a little, as the bank asked, before trying again", tone: "progress" }
        : { text: "Queued…", tone: "progress" };
    case "in_progress":
      return {
        text:
          processed > 0
            ? `Syncing… ${count.format(processed)} ${processed === 1 ? "transaction" : "transactions"}`
            : "Syncing…",
        tone: "progress",
      };
    case "success":
      return { text: `Synced: ${changes}`, tone: "success" };
    case "partial":
      return { text: `Synced with problems: ${changes}, ${count.format(failed)} failed`, tone: "error" };
    case "failed":
      return { text: failureText(sync), tone: "error" };
    default:
      return { text: `Sync ${sync.status.replaceAll("_", " ")}`, tone: "progress" };
  }
}

function failureText(sync: SyncSnapshot): string {
  const reason = sync.errorMessage?.trim() || "Something went wrong at the bank.";
  const sentence = /[.!?]$/.test(reason) ? reason : `${reason}.`;
  if (sync.errorCode === "ITEM_LOGIN_REQUIRED") return `Sync failed: ${sentence} Reconnect to sync again.`;
  return `Sync failed: ${sentence}${sync.retryAfter ? " Mingus will try again later." : ""}`;
}
