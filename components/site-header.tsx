import Link from "next/link";
import { getCurrentUser } from "@/lib/auth/session";
import { NavLink } from "./nav-link";
import { NotificationBell } from "./notifications/bell";
import { SignOutButton } from "./sign-out-button";

export async function SiteHeader() {
  const user = await getCurrentUser();
  const nav = user
    ? [
        { href: "/accounts", label: "Accounts" },
        { href: "/settings", label: "Settings" },
        { href: "/status", label: "Status" },
        ...(user.role === "admin" ? [{ href: "/admin", label: "Admin" }] : []),
      ]
    : [];
  return (
    <header className="border-b border-slate-200 bg-white/80 backdrop-blur dark:border-slate-800 dark:bg-slate-950/80">
      <div className="mx-auto flex min-h-14 w-full max-w-6xl flex-wrap items-center gap-x-6 gap-y-2 px-4 py-2 sm:px-6">
        <Link href="/" className="flex items-center gap-2 font-semibold tracking-tight">
          <span
            aria-hidden="true"
            className="grid size-7 place-items-center rounded-lg bg-brand-600 text-sm text-white"
          >
            M
          </span>
          Mingus
        </Link>
        {nav.length > 0 ? (
          <nav aria-label="Main" className="flex flex-wrap items-center gap-1 text-sm">
            {nav.map((item) => (
              <NavLink key={item.href} href={item.href}>
                {item.label}
              </NavLink>
            ))}
          </nav>
        ) : null}
        {user ? (
          <div className="ml-auto flex items-center gap-3 text-sm">
            <NotificationBell userId={user.id} />
            <span className="hidden text-slate-600 sm:inline dark:text-slate-400">{user.email}</span>
            <SignOutButton />
          </div>
        ) : null}
      </div>
    </header>
  );
}
