// Importing a statement (CSV, OFX or QFX) into a manual account. A linked account's transactions come
// from its bank, so its address is "not found" here.
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { ManualPageHeader } from "@/components/manual-accounts/page-header";
import { StatementImport } from "@/components/manual-accounts/statement-import";
import { loadAccountDetail } from "@/lib/accounts/detail";
import { MAX_STATEMENT_BYTES } from "@/lib/accounts/manual";
import { requireUser } from "@/lib/auth/session";
import { importStatementAction, inspectStatementAction } from "../../manual-actions";

export const metadata: Metadata = { title: "Import a statement" };

export default async function ImportStatementPage({ params }: { params: Promise<{ id: string }> }) {
  const [{ id }, user] = await Promise.all([params, requireUser()]);
  const account = await loadAccountDetail(user.id, id);
  if (!account?.manual) notFound();
  return (
    <div className="max-w-4xl space-y-8">
      <ManualPageHeader
        title={`Import a statement into ${account.displayName}`}
        account={{ id: account.id, name: account.displayName }}
        current="Import statement"
      >
        <p className="text-slate-600 dark:text-slate-400">
          Transactions already in the account (same day, amount and description) are skipped. A file with a row that
          cannot be read is not imported at all.
        </p>
      </ManualPageHeader>
      <StatementImport
        accountId={account.id}
        inspect={inspectStatementAction}
        importFile={importStatementAction}
        maxMegabytes={MAX_STATEMENT_BYTES / 1024 / 1024}
      />
    </div>
  );
}
