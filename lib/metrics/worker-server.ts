// A worker's own process metrics (CPU, memory, event loop, GC) over plain HTTP on WORKER_METRICS_PORT,
// under the same bearer-token rule as /api/metrics. The cluster's figures are the web process's to
// serve: a worker never reads them, so no series is counted twice.
import "server-only";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { checkMetricsAccess, refusal } from "./access";
import { createProcessRegistry } from "./registry";

export type WorkerMetricsServer = { port: number; close: () => Promise<void> };

export async function startWorkerMetricsServer({
  port,
  token,
  host = "0.0.0.0",
}: {
  port: number;
  token: string;
  host?: string;
}): Promise<WorkerMetricsServer> {
  const registry = createProcessRegistry();
  const server: Server = createServer((request, response) => {
    if (request.method !== "GET" || new URL(request.url ?? "/", "http://worker").pathname !== "/metrics") {
      response.writeHead(404, { "Content-Type": "text/plain" }).end("Not Found\n");
      return;
    }
    const access = checkMetricsAccess({ authorization: request.headers.authorization, token });
    if (access !== "granted") {
      const refused = refusal(access);
      response.writeHead(refused.status, refused.headers).end(refused.body);
      return;
    }
    registry.metrics().then(
      (text) => response.writeHead(200, { "Content-Type": registry.contentType }).end(text),
      (error: Error) => response.writeHead(500, { "Content-Type": "text/plain" }).end(`${error.message}\n`),
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  return {
    port: (server.address() as AddressInfo).port,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
