// The emulator's fetch handler on node:http: IncomingMessage → web Request → handler → the web
// Response written back. The standalone server and the tests' in-process server both run on it.
import type { IncomingMessage, RequestListener, ServerResponse } from "node:http";

// The emulator refuses bodies past 1 MiB; keeping a little more than that is enough for it to tell,
// and the rest of a huge body is read and dropped rather than held in memory.
const MAX_BUFFERED_BYTES = 2 * 1024 * 1024;

async function readBody(request: IncomingMessage): Promise<Uint8Array<ArrayBuffer>> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    if (size > MAX_BUFFERED_BYTES) continue;
    size += (chunk as Buffer).byteLength;
    chunks.push(chunk as Buffer);
  }
  return new Uint8Array(Buffer.concat(chunks));
}

async function toWebRequest(request: IncomingMessage): Promise<Request> {
  const headers = new Headers();
  for (const [name, value] of Object.entries(request.headers)) {
    for (const one of Array.isArray(value) ? value : value === undefined ? [] : [value]) headers.append(name, one);
  }
  const method = request.method ?? "GET";
  const hasBody = method !== "GET" && method !== "HEAD";
  const origin = `http://${request.headers.host ?? "localhost"}`;
  return new Request(new URL(request.url ?? "/", origin), {
    method,
    headers,
    body: hasBody ? await readBody(request) : undefined,
  });
}

async function writeWebResponse(response: Response, out: ServerResponse): Promise<void> {
  out.writeHead(response.status, Object.fromEntries(response.headers));
  out.end(Buffer.from(await response.arrayBuffer()));
}

/** A node:http request listener that answers with `handle`. */
export function toNodeListener(handle: (request: Request) => Promise<Response>): RequestListener {
  return async (request, out) => {
    try {
      await writeWebResponse(await handle(await toWebRequest(request)), out);
    } catch (error) {
      if (!out.headersSent) out.writeHead(500, { "Content-Type": "text/plain" });
      out.end(String(error));
    }
  };
}
