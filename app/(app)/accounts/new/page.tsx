// Adding an account by hand: one Mingus cannot link to a bank (cash, a loan from family, a house).
import type { Metadata } from "next";
import { ManualAccountForm } from "@/components/manual-accounts/manual-account-form";
import { ManualPageHeader } from "@/components/manual-accounts/page-header";
import { manualKindChoices, todayIso } from "@/lib/accounts/manual";
import { requireUser } from "@/lib/auth/session";
import { getDisplaySettings } from "@/lib/format/display";
import { createManualAccountAction } from "../manual-actions";

export const metadata: Metadata = { title: "Add a manual account" };

export default async function NewManualAccountPage() {
  const user = await requireUser();
  const { currency } = await getDisplaySettings({ userId: user.id });
  const today = todayIso();
  return (
    <div className="max-w-3xl space-y-8">
      <ManualPageHeader title="Add a manual account" current="Add a manual account">
        <p className="text-slate-600 dark:text-slate-400">
          For an account no bank link covers. You keep its balance up to date, or import its statements.
        </p>
      </ManualPageHeader>
      <ManualAccountForm
        action={createManualAccountAction}
        kinds={manualKindChoices()}
        today={today}
        submitLabel="Add account"
        initial={{ name: "", kind: "depository/checking", currency, openingBalance: "", openingDate: today }}
      />
    </div>
  );
}
