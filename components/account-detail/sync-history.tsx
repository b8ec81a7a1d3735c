// The account's sync history, newest first: when each sync ran, what kind, whether it covered the whole
// connection, how it ended, how long it took, what it changed and why it failed.
import Link from "next/link";
import { notFound } from "next/navigation";
import { Badge, type BadgeTone } from "@/components/ui/badge";
import { TEXT_LINK } from "@/components/ui/text-link";
import type { Display } from "@/lib/format/display";
import { getSyncHistory, SYNC_HISTORY_LIMIT, type SyncHistoryEntry } from "@/lib/sync";
import { duration, humanize } from "./labels";

/** Enough for months of daily syncs without an unbounded page. */
export const SYNC_HISTORY_MAX = 500;

const STATUS_TONE: Record<string, BadgeTone> = { success: "ok", failed: "error", partial: "warning" };

export async function SyncHistorySection({
  userId,
  accountId,
  showAll,
  showAllHref,
  display,
}: {
  userId: string;
  accountId: string;
  showAll: boolean;
  showAllHref: string;
  display: Display;
}) {
  const history = await getSyncHistory({ userId, accountId, limit: showAll ? SYNC_HISTORY_MAX : SYNC_HISTORY_LIMIT });
  if (!history) notFound();
  return (
    <section aria-labelledby="sync-history" className="space-y-4">
      <h2 id="sync-history" className="scroll-mt-4 text-lg font-semibold">
        Sync history
      </h2>
      {history.entries.length === 0 ? (
        <p className="text-sm text-slate-600 dark:text-slate-400">This account has not been synced yet.</p>
      ) : (
        <ol
          aria-labelledby="sync-history"
          className="divide-y divide-slate-200 rounded-xl border border-slate-200 text-sm dark:divide-slate-800 dark:border-slate-800"
        >
          {history.entries.map((entry) => (
            <SyncItem key={entry.id} entry={entry} display={display} />
          ))}
        </ol>
      )}
      {history.total > history.entries.length ? (
        <p className="text-sm text-slate-600 dark:text-slate-400">
          Showing the {history.entries.length} most recent of {history.total} syncs.{" "}
          {!showAll ? (
            <Link href={showAllHref} scroll={false} className={TEXT_LINK}>
              Show all syncs
            </Link>
          ) : null}
        </p>
      ) : null}
    </section>
  );
}

function SyncItem({ entry, display }: { entry: SyncHistoryEntry; display: Display }) {
  const when = entry.startedAt ?? entry.completedAt;
  const counts = [
    `${entry.recordsAdded} added`,
    `${entry.recordsUpdated} updated`,
    `${entry.recordsDeleted} removed`,
    ...(entry.recordsFailed > 0 ? [`${entry.recordsFailed} failed`] : []),
  ].join(", ");
  return (
    <li className="space-y-1 px-4 py-3">
      <div className="flex flex-wrap items-center gap-x-3 gap-y-1">
        <Badge tone={STATUS_TONE[entry.status] ?? "muted"}>{humanize(entry.status)}</Badge>
        <span className="font-medium">
          {humanize(entry.syncType)} sync
          <span className="font-normal text-slate-600 dark:text-slate-400">
            {entry.scope === "connection" ? " · whole connection" : " · this account"}
          </span>
        </span>
        {when ? (
          <time dateTime={when.toISOString()} className="text-slate-600 sm:ml-auto dark:text-slate-400">
            {display.dateTime(when)}
          </time>
        ) : (
          <span className="text-slate-600 sm:ml-auto dark:text-slate-400">Not started</span>
        )}
      </div>
      <p className="text-slate-600 dark:text-slate-400">
        {entry.duration !== null ? `${duration(entry.duration)} · ` : ""}
        {counts}
      </p>
      {entry.errorCode || entry.errorMessage ? (
        <p className="text-red-700 dark:text-red-400">
          {entry.errorCode ? <code className="mr-1 font-mono text-xs">{entry.errorCode}</code> : null}
          {entry.errorMessage}
        </p>
      ) : null}
    </li>
  );
}
