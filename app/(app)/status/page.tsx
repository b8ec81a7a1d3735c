import type { Metadata } from "next";
import { checkDatabaseHealth } from "@/lib/db/health";

export const metadata: Metadata = { title: "System status" };
export const dynamic = "force-dynamic";

export default async function StatusPage() {
  const status = await checkDatabaseHealth();
  return (
    <div className="max-w-2xl space-y-6">
      <h1 className="text-2xl font-semibold tracking-tight">System status</h1>
      <dl className="divide-y divide-slate-200 rounded-xl border border-slate-200 dark:divide-slate-800 dark:border-slate-800">
        <Row label="Overall">
          <span className={status.ok ? "text-emerald-700 dark:text-emerald-400" : "text-red-700 dark:text-red-400"}>
            {status.ok ? "Operational" : `Degraded: ${status.reason}`}
          </span>
        </Row>
        <Row label="Database">{status.database === "embedded" ? "Embedded PostgreSQL (PGlite)" : "PostgreSQL"}</Row>
        <Row label="Migrations">
          {status.status
            ? `${status.status.applied.length} applied, ${status.status.pending.length} pending`
            : "Unknown: the database did not answer"}
        </Row>
      </dl>
    </div>
  );
}

function Row({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div className="grid grid-cols-3 gap-4 px-4 py-3 text-sm">
      <dt className="font-medium text-slate-600 dark:text-slate-400">{label}</dt>
      <dd className="col-span-2">{children}</dd>
    </div>
  );
}
