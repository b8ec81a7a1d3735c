// A manual account's own controls: update its balance, edit it, delete it. A linked account has none
// of these (its bank keeps it), so its address is "not found" here.
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { BalanceForm } from "@/components/manual-accounts/balance-form";
import { DeleteAccountForm } from "@/components/manual-accounts/delete-account-form";
import { ManualAccountForm } from "@/components/manual-accounts/manual-account-form";
import { ManualPageHeader } from "@/components/manual-accounts/page-header";
import { loadAccountDetail } from "@/lib/accounts/detail";
import { getManualOpening, manualKindChoices, todayIso } from "@/lib/accounts/manual";
import { requireUser } from "@/lib/auth/session";
import { getDisplay } from "@/lib/format/display";
import { deleteManualAccountAction, editManualAccountAction, recordManualBalanceAction } from "../../manual-actions";

export const metadata: Metadata = { title: "Manage account" };

export default async function ManageManualAccountPage({ params }: { params: Promise<{ id: string }> }) {
  const [{ id }, user] = await Promise.all([params, requireUser()]);
  const account = await loadAccountDetail(user.id, id);
  if (!account?.manual) notFound();
  const [opening, display] = await Promise.all([
    getManualOpening({ userId: user.id, accountId: account.id }),
    getDisplay({ userId: user.id }),
  ]);
  const today = todayIso();
  return (
    <div className="max-w-3xl space-y-10">
      <ManualPageHeader
        title={`Manage ${account.displayName}`}
        account={{ id: account.id, name: account.displayName }}
        current="Manage"
      >
        <p className="text-slate-600 dark:text-slate-400">
          Current balance {display.money(account.current, account.currency)}
        </p>
      </ManualPageHeader>
      <section id="update-balance" aria-labelledby="update-balance-heading" className="space-y-3">
        <h2 id="update-balance-heading" className="text-lg font-semibold">
          Update balance
        </h2>
        <BalanceForm accountId={account.id} action={recordManualBalanceAction} today={today} />
      </section>
      <section aria-labelledby="edit-heading" className="space-y-3">
        <h2 id="edit-heading" className="text-lg font-semibold">
          Edit account
        </h2>
        <ManualAccountForm
          action={editManualAccountAction}
          kinds={manualKindChoices()}
          today={today}
          submitLabel="Save changes"
          initial={{
            accountId: account.id,
            name: account.name,
            kind: `${account.type}/${account.subtype ?? ""}`,
            currency: account.currency,
            openingBalance: opening?.amount.toFixed(2) ?? "0.00",
            openingDate: opening?.date.toISOString().slice(0, 10) ?? today,
          }}
        />
      </section>
      <section aria-labelledby="delete-heading" className="space-y-3">
        <h2 id="delete-heading" className="text-lg font-semibold">
          Delete account
        </h2>
        <p className="text-sm text-slate-600 dark:text-slate-400">
          Its balance history, transactions, settings and alerts go with it. This cannot be undone.
        </p>
        <DeleteAccountForm accountId={account.id} name={account.displayName} action={deleteManualAccountAction} />
      </section>
    </div>
  );
}
