import { requireUser } from "@/lib/auth/session";

// Everything in this group needs a session; each page and action still authorizes for itself.
export default async function SignedInLayout({ children }: { children: React.ReactNode }) {
  await requireUser();
  return children;
}
