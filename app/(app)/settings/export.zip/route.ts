// GET /settings/export.zip: "Export my data" (lib/auth/data-export.ts), streamed. Checks the session
// itself; recorded in the person's activity.
import { recordAudit } from "@/lib/audit";
import { exportUserData } from "@/lib/auth/data-export";
import { getCurrentUser } from "@/lib/auth/session";

export const dynamic = "force-dynamic";

export async function GET() {
  const user = await getCurrentUser();
  if (!user) return new Response("Sign in to download your data.", { status: 401 });
  const { filename, stream } = exportUserData({ userId: user.id });
  await recordAudit({ action: "data_exported", userId: user.id, detail: { what: "everything" } });
  return new Response(stream, {
    headers: {
      "Content-Type": "application/zip",
      "Content-Disposition": `attachment; filename="${filename}"`,
      "Cache-Control": "no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
