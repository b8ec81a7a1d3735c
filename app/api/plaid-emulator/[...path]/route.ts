// The Plaid emulator (@mingus/plaid-emulator), served only where this server mounts it (see
// isEmulatorMounted: without Plaid's keys, in development and tests or with PLAID_EMULATOR=on);
// anywhere else every method answers a plain 404.
import { isEmulatorMounted } from "@/lib/plaid/config";
import { getMountedEmulator } from "@/lib/plaid/emulator-mount";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

async function handle(request: Request): Promise<Response> {
  if (!isEmulatorMounted()) return new Response("Not Found", { status: 404 });
  return getMountedEmulator().handle(request);
}

export { handle as DELETE, handle as GET, handle as PATCH, handle as POST, handle as PUT };
