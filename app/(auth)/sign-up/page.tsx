import type { Metadata } from "next";
import Link from "next/link";
import { SignUpForm } from "@/components/auth/sign-up-form";
import { TEXT_LINK } from "@/components/ui/text-link";
import { signUp } from "../actions";

export const metadata: Metadata = { title: "Create an account" };

export default function SignUpPage() {
  return (
    <div className="space-y-6">
      <h2 className="text-xl font-semibold">Create an account</h2>
      <SignUpForm signUp={signUp} />
      <p className="text-sm text-slate-600 dark:text-slate-400">
        Already have an account?{" "}
        <Link href="/sign-in" className={TEXT_LINK}>
          Sign in
        </Link>
      </p>
    </div>
  );
}
