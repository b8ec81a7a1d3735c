import type { Metadata } from "next";
import Link from "next/link";
import { SignUpForm } from "@/components/auth/sign-up-form";

export const metadata: Metadata = { title: "Create an account" };

export default function SignUpPage() {
  return (
    <div className="space-y-6">
      <h2 className="text-xl font-semibold">Create an account</h2>
      <SignUpForm />
      <p className="text-sm text-slate-600 dark:text-slate-400">
        Already have an account?{" "}
        <Link href="/sign-in" className="font-medium text-brand-600 underline underline-offset-4 hover:text-brand-700">
          Sign in
        </Link>
      </p>
    </div>
  );
}
