import type { Metadata } from "next";
import Link from "next/link";
import { Suspense } from "react";
import { SignInForm } from "@/components/auth/sign-in-form";
import { STANDALONE_LINK, TEXT_LINK } from "@/components/ui/text-link";
import { enabledOAuthProviders } from "@/lib/auth/options";

export const metadata: Metadata = { title: "Sign in" };

export default async function SignInPage({
  searchParams,
}: {
  searchParams: Promise<{ ended?: string | string[]; reset?: string | string[] }>;
}) {
  const { ended, reset } = await searchParams;
  return (
    <div className="space-y-6">
      <h2 className="text-xl font-semibold">Sign in</h2>
      {ended === "1" ? (
        <p
          role="status"
          className="rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900 dark:border-amber-700 dark:bg-amber-950 dark:text-amber-100"
        >
          Your session was ended or has expired. Sign in again to go on.
        </p>
      ) : null}
      {reset === "1" ? (
        <p
          role="status"
          className="rounded-md border border-emerald-300 bg-emerald-50 px-3 py-2 text-sm text-emerald-900 dark:border-emerald-700 dark:bg-emerald-950 dark:text-emerald-100"
        >
          Your password was changed and every session signed out. Sign in with the new password.
        </p>
      ) : null}
      <Suspense>
        <SignInForm providers={enabledOAuthProviders()} />
      </Suspense>
      <p className="text-sm">
        <Link href="/forgot-password" className={STANDALONE_LINK}>
          Forgot your password?
        </Link>
      </p>
      <p className="text-sm text-slate-600 dark:text-slate-400">
        New to Mingus?{" "}
        <Link href="/sign-up" className={TEXT_LINK}>
          Create an account
        </Link>
      </p>
    </div>
  );
}
