// The audit log as a table: when, what, and from where (the browser and address). The admins' view adds
// the account and, when someone else acted, who. Older entries are a link away (a keyset cursor).
import Link from "next/link";
import { describeBrowser } from "@/components/notifications/browser-name";
import { ColumnHeader, DataTable, RowHeader, TableBody } from "@/components/ui/data-table";
import { STANDALONE_LINK } from "@/components/ui/text-link";
import type { AuditEntry } from "@/lib/audit";
import { describeAuditEntry } from "./describe";

export function AuditTable({
  entries,
  formatTime,
  olderHref,
  showAccount = false,
  label,
  empty,
}: {
  entries: AuditEntry[];
  /** The person's own date and time format. */
  formatTime: (value: Date) => string;
  /** The next page, or null on the last. */
  olderHref: string | null;
  /** Admins see whose account and who acted. */
  showAccount?: boolean;
  label: string;
  empty: string;
}) {
  return (
    <div className="space-y-3">
      <DataTable
        label={label}
        caption={label}
        empty={entries.length === 0 ? empty : null}
        columns={
          <>
            <ColumnHeader sticky>When</ColumnHeader>
            <ColumnHeader>What happened</ColumnHeader>
            {showAccount ? <ColumnHeader>Account</ColumnHeader> : null}
            <ColumnHeader>From</ColumnHeader>
          </>
        }
      >
        <TableBody>
          {entries.map((entry) => (
            <tr key={entry.id}>
              <RowHeader sticky>
                <time dateTime={entry.createdAt.toISOString()}>{formatTime(entry.createdAt)}</time>
              </RowHeader>
              <td className="min-w-56 px-3 py-2">
                {describeAuditEntry(entry)}
                {/* Admins see which admin; the person, only that one did (an admin's address is no one else's business). */}
                {showAccount && entry.actorEmail ? (
                  <span className="block text-xs text-slate-600 dark:text-slate-400">by {entry.actorEmail}</span>
                ) : null}
              </td>
              {showAccount ? (
                <td className="px-3 py-2 break-all">{entry.userEmail ?? "No account (unknown email)"}</td>
              ) : null}
              <td className="px-3 py-2 text-slate-700 dark:text-slate-300">
                {entry.userAgent ? <span className="block">{describeBrowser(entry.userAgent)}</span> : null}
                <span className="block font-mono text-xs">{entry.ipAddress ?? "—"}</span>
              </td>
            </tr>
          ))}
        </TableBody>
      </DataTable>
      {olderHref ? (
        <p className="text-sm">
          <Link href={olderHref} className={STANDALONE_LINK}>
            Older entries
          </Link>
        </p>
      ) : null}
    </div>
  );
}
