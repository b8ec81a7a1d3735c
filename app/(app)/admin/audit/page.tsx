// The audit log for admins: every account's events, newest first, filtered by what happened and by the
// account's email. A plain GET form, so a filtered view is an address to share. Admins only (../layout.tsx).
import type { Metadata } from "next";
import Link from "next/link";
import { AuditTable } from "@/components/audit/audit-table";
import { AUDIT_ACTION_LABELS, decodeAuditCursor, encodeAuditCursor } from "@/components/audit/describe";
import { Button } from "@/components/ui/button";
import { Field, INPUT_CLASS, TextField } from "@/components/ui/field";
import { SubPageHeader } from "@/components/ui/sub-page-header";
import { STANDALONE_LINK } from "@/components/ui/text-link";
import { listAuditEvents } from "@/lib/audit";
import { requireAdmin } from "@/lib/auth/session";
import { AUDIT_ACTIONS, type AuditAction } from "@/lib/db/vocabulary";
import { getDisplay } from "@/lib/format/display";

export const metadata: Metadata = { title: "Audit log" };

const one = (value: string | string[] | undefined) => (typeof value === "string" ? value : "");

export default async function AuditLogPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const admin = await requireAdmin();
  const params = await searchParams;
  const requested = one(params.action);
  // An unknown action reads as "any": the form only offers known ones.
  const action = (AUDIT_ACTIONS as readonly string[]).includes(requested) ? (requested as AuditAction) : undefined;
  const email = one(params.email).trim().slice(0, 254);
  const [display, page] = await Promise.all([
    getDisplay({ userId: admin.id }),
    listAuditEvents({ action, email: email || undefined, cursor: decodeAuditCursor(params.before) }),
  ]);
  const filters = new URLSearchParams({ ...(action ? { action } : {}), ...(email ? { email } : {}) });
  const olderHref = page.next
    ? `/admin/audit?${new URLSearchParams([...filters, ["before", encodeAuditCursor(page.next)]])}`
    : null;
  return (
    <div className="space-y-8">
      <SubPageHeader parent={{ href: "/admin", label: "Admin" }} title="Audit log">
        Sign-ins, account and bank changes, exports and admin actions, for every account, newest first.
      </SubPageHeader>
      <form
        action="/admin/audit"
        method="get"
        aria-label="Filter the audit log"
        className="grid gap-3 rounded-xl border border-slate-200 p-4 sm:grid-cols-[1fr_1fr_auto] sm:items-end dark:border-slate-800"
      >
        <Field id="audit-action" label="What happened" validated={false}>
          {(control) => (
            <select {...control} name="action" defaultValue={action ?? ""} className={INPUT_CLASS}>
              <option value="">Anything</option>
              {AUDIT_ACTIONS.map((value) => (
                <option key={value} value={value}>
                  {AUDIT_ACTION_LABELS[value]}
                </option>
              ))}
            </select>
          )}
        </Field>
        <TextField id="audit-email" label="Account email" name="email" defaultValue={email} validated={false} />
        <div className="flex items-center gap-3">
          <Button type="submit">Apply filters</Button>
          {action || email ? (
            <Link href="/admin/audit" className={`${STANDALONE_LINK} text-sm`}>
              Clear filters
            </Link>
          ) : null}
        </div>
      </form>
      <AuditTable
        label="Audit log"
        entries={page.entries}
        formatTime={(value) => display.dateTime(value)}
        olderHref={olderHref}
        showAccount
        empty={action || email ? "Nothing matches these filters." : "Nothing recorded yet."}
      />
    </div>
  );
}
