import type { Metadata } from "next";
import { requireUser } from "@/lib/auth/session";

export const metadata: Metadata = { title: "Accounts" };

export default async function AccountsPage() {
  const user = await requireUser();
  return (
    <div className="space-y-2">
      <h1 className="text-2xl font-semibold tracking-tight">Accounts</h1>
      <p className="text-slate-600 dark:text-slate-400">Signed in as {user.email}.</p>
    </div>
  );
}
