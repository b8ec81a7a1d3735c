import type { Metadata } from "next";
import Link from "next/link";
import { ForgotPasswordForm } from "@/components/auth/forgot-password-form";
import { TEXT_LINK } from "@/components/ui/text-link";
import { requestPasswordResetAction } from "../actions";

export const metadata: Metadata = { title: "Forgot your password?" };

export default function ForgotPasswordPage() {
  return (
    <div className="space-y-6">
      <h2 className="text-xl font-semibold">Forgot your password?</h2>
      <p className="text-sm text-slate-600 dark:text-slate-400">
        Enter the email address you sign in with. We will send it a link to choose a new password.
      </p>
      <ForgotPasswordForm action={requestPasswordResetAction} />
      <p className="text-sm text-slate-600 dark:text-slate-400">
        Remembered it?{" "}
        <Link href="/sign-in" className={TEXT_LINK}>
          Sign in
        </Link>
      </p>
    </div>
  );
}
