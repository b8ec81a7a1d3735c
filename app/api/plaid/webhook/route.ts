// Plaid's webhooks. Verification needs the exact bytes Plaid sent, so the body is read raw in lib/.
import { receivePlaidWebhook } from "@/lib/connections/webhooks/receive";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export function POST(request: Request) {
  return receivePlaidWebhook(request);
}
