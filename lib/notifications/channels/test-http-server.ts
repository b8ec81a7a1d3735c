// Test helpers for the channel tests: a real HTTP server on 127.0.0.1 that records every request and
// answers as the test says (standing in for Twilio or a push service), a port nobody listens on, and the
// error a promise rejects with.
import http, { type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";

export type RecordedRequest = { method: string; path: string; headers: IncomingHttpHeaders; body: Buffer };
export type CannedResponse = { status: number; headers?: Record<string, string>; body?: string };
/** A canned answer, or "hang" to hold the request open until the server closes. */
type Responder = (request: RecordedRequest) => CannedResponse | "hang";

export type RecordingServer = {
  /** http://127.0.0.1:<port>, no trailing slash. */
  url: string;
  requests: RecordedRequest[];
  respondWith(responder: Responder): void;
  close(): Promise<void>;
};

export async function startRecordingServer(initial: Responder = () => ({ status: 204 })): Promise<RecordingServer> {
  let responder = initial;
  const requests: RecordedRequest[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const request = {
        method: req.method ?? "",
        path: req.url ?? "",
        headers: req.headers,
        body: Buffer.concat(chunks),
      };
      requests.push(request);
      const response = responder(request);
      if (response === "hang") return;
      res.writeHead(response.status, response.headers ?? {}).end(response.body ?? "");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    respondWith(next) {
      responder = next;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A loopback port nothing listens on: a server is opened on it and closed again. */
export async function closedPort(): Promise<number> {
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** The DeliveryError (or whatever else) a promise rejects with; fails the test if it resolves. */
export async function rejectionOf(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error("expected the promise to reject");
}
