import Link from "next/link";

export default function NotFound() {
  return (
    <div className="max-w-xl space-y-4">
      <h1 className="text-2xl font-semibold tracking-tight">Page not found</h1>
      <p className="text-slate-600 dark:text-slate-400">There is nothing at this address.</p>
      <Link
        href="/accounts"
        className="text-brand-600 underline underline-offset-4 hover:text-brand-700 dark:text-brand-100"
      >
        Back to your accounts
      </Link>
    </div>
  );
}
