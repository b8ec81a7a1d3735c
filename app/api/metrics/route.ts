// Prometheus scrapes here with `Authorization: Bearer $METRICS_TOKEN` (docs/operations.md, Metrics).
import { respondWithClusterMetrics } from "@/lib/metrics";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export function GET(request: Request) {
  return respondWithClusterMetrics(request);
}
