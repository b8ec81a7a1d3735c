// The dashboard: every linked bank with its accounts, and the totals over the accounts not hidden.
import type { Metadata } from "next";
import { EmptyState } from "@/components/accounts/empty-state";
import { HiddenAccounts } from "@/components/accounts/hidden-accounts";
import { InstitutionGroup } from "@/components/accounts/institution-group";
import { Totals } from "@/components/accounts/totals";
import { getDashboard } from "@/lib/accounts/dashboard";
import { requireUser } from "@/lib/auth/session";
import { getDisplay } from "@/lib/format/display";

export const metadata: Metadata = { title: "Accounts" };

export default async function AccountsPage() {
  const user = await requireUser();
  const [dashboard, display] = await Promise.all([getDashboard({ userId: user.id }), getDisplay({ userId: user.id })]);
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-semibold tracking-tight">Accounts</h1>
      {dashboard.institutions.length === 0 ? (
        <EmptyState />
      ) : (
        <>
          <Totals totals={dashboard.totals} display={display} />
          {dashboard.institutions.map((institution) => (
            <InstitutionGroup key={institution.connectionId} institution={institution} display={display} />
          ))}
          <HiddenAccounts accounts={dashboard.hidden} display={display} />
        </>
      )}
    </div>
  );
}
