import type { Metadata } from "next";
import Link from "next/link";
import { Suspense } from "react";
import { emailNotice } from "@/components/auth/email-notices";
import { SignInForm } from "@/components/auth/sign-in-form";
import { Notice } from "@/components/ui/notice";
import { STANDALONE_LINK, TEXT_LINK } from "@/components/ui/text-link";
import { enabledOAuthProviders } from "@/lib/auth/options";
import { passkeyDomain } from "@/lib/auth/passkeys";
import { passkeySignInOptionsAction } from "../actions";

export const metadata: Metadata = { title: "Sign in" };

export default async function SignInPage({
  searchParams,
}: {
  searchParams: Promise<{
    ended?: string | string[];
    reset?: string | string[];
    deleted?: string | string[];
    email?: string | string[];
  }>;
}) {
  const { ended, reset, deleted, email } = await searchParams;
  const confirmation = emailNotice(email);
  return (
    <div className="space-y-6">
      <h2 className="text-xl font-semibold">Sign in</h2>
      {ended === "1" ? (
        <Notice tone="warning">Your session was ended or has expired. Sign in again to go on.</Notice>
      ) : null}
      {reset === "1" ? (
        <Notice tone="success">
          Your password was changed and every session signed out. Sign in with the new password.
        </Notice>
      ) : null}
      {confirmation ? <Notice tone={confirmation.tone}>{confirmation.text}</Notice> : null}
      {deleted === "1" ? (
        <Notice tone="success">Your account was deleted, and your banks removed at Plaid. A mail confirms it.</Notice>
      ) : null}
      <Suspense>
        <SignInForm
          providers={enabledOAuthProviders()}
          passkeySignIn={passkeyDomain() ? passkeySignInOptionsAction : null}
        />
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
