// The request id: accepted from the caller (a load balancer's, a test's) when it looks like an id,
// otherwise a new UUID. proxy.ts puts it on the request and the response; lib/log reads it back.
export const REQUEST_ID_HEADER = "x-request-id";

// Letters, digits and the punctuation of common id formats (UUIDs, AWS trace ids); nothing that could
// forge another field or line.
const SANE_REQUEST_ID = /^[A-Za-z0-9._:=+/-]{1,128}$/;

export function acceptRequestId(incoming: string | null | undefined): string {
  return incoming && SANE_REQUEST_ID.test(incoming) ? incoming : crypto.randomUUID();
}
