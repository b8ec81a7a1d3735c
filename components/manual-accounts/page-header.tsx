// The top of a manual-account page: a breadcrumb back to the accounts (and the account), and its title.
import Link from "next/link";
import { LONG_NAME } from "@/components/ui/long-name";
import { STANDALONE_LINK } from "@/components/ui/text-link";

export function ManualPageHeader({
  title,
  account,
  current,
  children,
}: {
  title: string;
  /** The account the page is about, linked in the breadcrumb. */
  account?: { id: string; name: string };
  current: string;
  children?: React.ReactNode;
}) {
  const trail = [
    { href: "/accounts", label: "Accounts" },
    ...(account ? [{ href: `/accounts/${account.id}`, label: account.name }] : []),
  ];
  return (
    <header className="space-y-2">
      <nav aria-label="Breadcrumb">
        <ol className="flex flex-wrap items-center gap-x-1 text-sm text-slate-600 dark:text-slate-400">
          {trail.map((step) => (
            <li key={step.href} className="flex min-w-0 items-center gap-1">
              <Link href={step.href} title={step.label} className={`${STANDALONE_LINK} ${LONG_NAME}`}>
                {step.label}
              </Link>
              <span aria-hidden="true">/</span>
            </li>
          ))}
          <li aria-current="page">{current}</li>
        </ol>
      </nav>
      <h1 title={title} className={`${LONG_NAME} text-2xl font-semibold tracking-tight`}>
        {title}
      </h1>
      {children}
    </header>
  );
}
