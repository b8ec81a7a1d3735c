// The local Plaid emulator (lib/plaid-emulator), served only while Mingus is not configured for
// Plaid itself: with PLAID_ENV and keys set, every method answers a plain 404.

import { isPlaidEmulated } from "@/lib/plaid/config";
import { handleEmulatorRequest } from "@/lib/plaid-emulator";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

type RouteContext = { params: Promise<{ path: string[] }> };

async function handle(request: Request, { params }: RouteContext): Promise<Response> {
  if (!isPlaidEmulated()) return new Response("Not Found", { status: 404 });
  const { path } = await params;
  return handleEmulatorRequest({ path, request });
}

export { handle as DELETE, handle as GET, handle as PATCH, handle as POST, handle as PUT };
