import Link from "next/link";
import { STANDALONE_LINK } from "@/components/ui/text-link";

export default function AccountNotFound() {
  return (
    <div className="max-w-xl space-y-4">
      <h1 className="text-2xl font-semibold tracking-tight">Account not found</h1>
      <p className="text-slate-600 dark:text-slate-400">There is no account of yours at this address.</p>
      <Link href="/accounts" className={STANDALONE_LINK}>
        Back to your accounts
      </Link>
    </div>
  );
}
