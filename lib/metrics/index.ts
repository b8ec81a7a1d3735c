// Prometheus metrics: the web process's /api/metrics (the cluster's figures from the database and this
// process's own) and a worker's process metrics on WORKER_METRICS_PORT.
import "server-only";
import type { Registry } from "prom-client";
import { env } from "@/lib/env";
import { checkMetricsAccess, refusal } from "./access";
import { createClusterRegistry } from "./registry";

export { countRefusedWebhook } from "./refused-webhooks";
export { startWorkerMetricsServer } from "./worker-server";

// One registry per process, kept on globalThis: prom-client's default metrics must be set up once.
const cache = globalThis as typeof globalThis & { __mingusClusterRegistry?: Registry };

/** GET /api/metrics: 404 without METRICS_TOKEN, 401 without its bearer token, the metrics text otherwise. */
export async function respondWithClusterMetrics(request: Request, token = env.METRICS_TOKEN): Promise<Response> {
  const access = checkMetricsAccess({ authorization: request.headers.get("authorization"), token });
  const headers = { "Cache-Control": "no-store" };
  if (access !== "granted") {
    const refused = refusal(access);
    return new Response(refused.body, { status: refused.status, headers: { ...headers, ...refused.headers } });
  }
  cache.__mingusClusterRegistry ??= createClusterRegistry();
  const registry = cache.__mingusClusterRegistry;
  return new Response(await registry.metrics(), { headers: { ...headers, "Content-Type": registry.contentType } });
}
