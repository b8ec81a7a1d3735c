import type { Metadata } from "next";
import Link from "next/link";
import { Suspense } from "react";
import { SignInForm } from "@/components/auth/sign-in-form";
import { TEXT_LINK } from "@/components/ui/text-link";
import { enabledOAuthProviders } from "@/lib/auth/options";

export const metadata: Metadata = { title: "Sign in" };

export default function SignInPage() {
  return (
    <div className="space-y-6">
      <h2 className="text-xl font-semibold">Sign in</h2>
      <Suspense>
        <SignInForm providers={enabledOAuthProviders()} />
      </Suspense>
      <p className="text-sm text-slate-600 dark:text-slate-400">
        New to Mingus?{" "}
        <Link href="/sign-up" className={TEXT_LINK}>
          Create an account
        </Link>
      </p>
    </div>
  );
}
