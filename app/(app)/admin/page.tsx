// The admin area: how every connection's syncs are going, from maintained aggregates, and the job
// workers that run them (a banner at the top when none is alive). Anyone but an admin gets the
// ordinary 404 (layout.tsx), so the page does not reveal that it exists.
import type { Metadata } from "next";
import Link from "next/link";
import { AdminFilters } from "@/components/admin/admin-filters";
import { ConnectionHealthTable } from "@/components/admin/connection-health-table";
import { PlaidCallsSection } from "@/components/admin/plaid-calls-section";
import { SummaryCards } from "@/components/admin/summary-cards";
import { SyncStatisticsTable } from "@/components/admin/sync-statistics-table";
import { SyncVolumeSection } from "@/components/admin/sync-volume-section";
import { UserSummariesTable } from "@/components/admin/user-summaries-table";
import { NoWorkerBanner, WorkersSection } from "@/components/admin/workers-section";
import { STANDALONE_LINK } from "@/components/ui/text-link";
import { getAdminDashboard } from "@/lib/admin/dashboard";
import { parseAdminQuery } from "@/lib/admin/params";
import { requireAdmin } from "@/lib/auth/session";
import { getDisplay } from "@/lib/format/display";
import { listWorkers } from "@/lib/jobs/heartbeat";
import { checkHealth, pauseSync, resumeSync, retrySync } from "./actions";

export const metadata: Metadata = { title: "Admin" };

export default async function AdminPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const admin = await requireAdmin();
  const query = parseAdminQuery(await searchParams);
  const now = new Date();
  const [dashboard, display, workers] = await Promise.all([
    getAdminDashboard({ query, now }),
    getDisplay({ userId: admin.id }),
    listWorkers({ now }),
  ]);
  return (
    <div className="space-y-10">
      <div className="space-y-2">
        <h1 className="text-2xl font-semibold tracking-tight">Admin</h1>
        <p className="text-slate-600 dark:text-slate-400">
          How every user&apos;s bank syncs are going. Figures count finished syncs and update as each one ends.
        </p>
        <p className="text-sm">
          <Link href="/admin/audit" className={STANDALONE_LINK}>
            Audit log: sign-ins, account changes and admin actions
          </Link>
        </p>
        <NoWorkerBanner workers={workers} />
      </div>
      <SummaryCards summary={dashboard.summary} />
      <AdminFilters query={query} />
      <SyncStatisticsTable statistics={dashboard.statistics} query={query} display={display} now={now} />
      <ConnectionHealthTable
        health={dashboard.health}
        query={query}
        display={display}
        now={now}
        actions={{ retry: retrySync, pause: pauseSync, resume: resumeSync, health: checkHealth }}
      />
      <UserSummariesTable users={dashboard.users} display={display} />
      <SyncVolumeSection volume={dashboard.volume} query={query} display={display} />
      <PlaidCallsSection activity={dashboard.plaidCalls} display={display} />
      <WorkersSection workers={workers} display={display} now={now} />
    </div>
  );
}
