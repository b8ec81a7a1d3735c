// Admins only. Checked here, outside the page's loading boundary, so anyone else gets a real 404
// status: once loading.tsx has streamed, a notFound() in the page could no longer change the status.
import { requireAdmin } from "@/lib/auth/session";

export default async function AdminLayout({ children }: { children: React.ReactNode }) {
  await requireAdmin();
  return children;
}
