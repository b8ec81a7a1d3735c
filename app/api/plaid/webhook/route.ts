// Plaid's webhooks. Verification needs the exact bytes Plaid sent, so the body is read raw in lib/.
import { receivePlaidWebhook } from "@/lib/connections/webhooks/receive";
import { withRequestLog } from "@/lib/log/request";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export const POST = withRequestLog((request: Request) => receivePlaidWebhook(request));
