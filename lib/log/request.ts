// A request's log context in Next.js: route handlers are wrapped in withRequestLog, server actions run
// inside runWithRequestLog (lib/auth/action.ts); both read the x-request-id that proxy.ts set.
import "server-only";
import { headers } from "next/headers";
import { withLogContext } from "./context";
import { acceptRequestId, REQUEST_ID_HEADER } from "./request-id";

/** Wraps a route handler so every log line it causes carries the request id. */
export function withRequestLog<Req extends Request, Rest extends unknown[]>(
  handler: (request: Req, ...rest: Rest) => Promise<Response>,
): (request: Req, ...rest: Rest) => Promise<Response> {
  return (request, ...rest) => {
    const requestId = acceptRequestId(request.headers.get(REQUEST_ID_HEADER));
    return withLogContext({ requestId }, () => handler(request, ...rest));
  };
}

/**
 * Runs a server action's work with the request id of the request that called it (a new id when called
 * outside a request: from a test or a script).
 */
export async function runWithRequestLog<T>(work: () => Promise<T>): Promise<T> {
  let incoming: string | null = null;
  try {
    incoming = (await headers()).get(REQUEST_ID_HEADER);
  } catch {
    // Outside a request: no headers to read.
  }
  return withLogContext({ requestId: acceptRequestId(incoming) }, work);
}
