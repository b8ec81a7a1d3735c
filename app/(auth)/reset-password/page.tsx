import type { Metadata } from "next";
import Link from "next/link";
import { ResetPasswordForm } from "@/components/auth/reset-password-form";
import { TEXT_LINK } from "@/components/ui/text-link";
import { findLiveToken } from "@/lib/auth/tokens";
import { resetPasswordAction } from "../actions";

export const metadata: Metadata = { title: "Choose a new password", referrer: "no-referrer" };

export default async function ResetPasswordPage({
  searchParams,
}: {
  searchParams: Promise<{ token?: string | string[] }>;
}) {
  const { token } = await searchParams;
  const owner = typeof token === "string" ? await findLiveToken({ token, purpose: "password_reset" }) : null;
  return (
    <div className="space-y-6">
      <h2 className="text-xl font-semibold">Choose a new password</h2>
      {owner && typeof token === "string" ? (
        <>
          <p className="text-sm text-slate-600 dark:text-slate-400">
            For {owner.email}. Every browser signed in to the account will be signed out.
          </p>
          <ResetPasswordForm action={resetPasswordAction} token={token} email={owner.email} />
        </>
      ) : (
        <p role="alert" className="text-sm text-red-700 dark:text-red-400">
          This reset link has expired or was already used.{" "}
          <Link href="/forgot-password" className={TEXT_LINK}>
            Ask for a new one
          </Link>
          .
        </p>
      )}
    </div>
  );
}
