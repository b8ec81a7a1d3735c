// GET /api/connections/<id>/sync: the connection's current (or latest) sync run, for "Sync now" to poll.
// Checks the session itself; another user's connection is the same 404 as one that does not exist.
import { z } from "zod";
import { getCurrentUser } from "@/lib/auth/session";
import { isAppError } from "@/lib/errors";
import { withRequestLog } from "@/lib/log/request";
import { getLatestSyncForConnection } from "@/lib/sync";

export const dynamic = "force-dynamic";

const NO_STORE = { "Cache-Control": "no-store" };
const paramsSchema = z.object({ id: z.guid() });

export const GET = withRequestLog(async (_request: Request, { params }: { params: Promise<{ id: string }> }) => {
  const user = await getCurrentUser();
  if (!user) return Response.json({ error: "unauthenticated" }, { status: 401, headers: NO_STORE });
  const parsed = paramsSchema.safeParse(await params);
  if (!parsed.success) return notFound();
  try {
    const sync = await getLatestSyncForConnection({ userId: user.id, connectionId: parsed.data.id });
    return Response.json(sync, { headers: NO_STORE });
  } catch (error) {
    if (isAppError(error, "connection:not_found")) return notFound();
    throw error;
  }
});

function notFound() {
  return Response.json({ error: "not_found" }, { status: 404, headers: NO_STORE });
}
