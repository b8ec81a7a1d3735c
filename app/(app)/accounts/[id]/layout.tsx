import { notFound } from "next/navigation";
import { findOwnedAccount } from "@/lib/auth/ownership";
import { requireUser } from "@/lib/auth/session";

// Ownership is checked here, above every loading boundary of the account's pages, so another user's
// account (or a malformed id) is answered with a real 404 status, not a 200 that renders "not found".
export default async function AccountLayout({
  children,
  params,
}: {
  children: React.ReactNode;
  params: Promise<{ id: string }>;
}) {
  const user = await requireUser();
  const { id } = await params;
  if (!(await findOwnedAccount({ userId: user.id, accountId: id }))) notFound();
  return children;
}
