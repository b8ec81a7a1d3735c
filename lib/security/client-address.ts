// Who is asking, for throttling and the audit log: the connection's own address, unless it is one of
// TRUSTED_PROXIES, in which case X-Forwarded-For is read from the right, past every trusted proxy, to the
// first address no trusted proxy vouches for. Without TRUSTED_PROXIES the header is never believed: a
// client could otherwise name a new address with every guess. proxy-addr is Express's implementation.
import "server-only";
import proxyaddr from "proxy-addr";
import { env } from "@/lib/env";
import { PEER_ADDRESS_HEADER } from "./peer-address";

type HeaderSource = Headers | Record<string, string | string[] | undefined> | undefined;

function header(headers: HeaderSource, name: string): string | undefined {
  if (!headers) return undefined;
  if (headers instanceof Headers) return headers.get(name) ?? undefined;
  const value = headers[name];
  return Array.isArray(value) ? value.join(", ") : value;
}

const compiled = new Map<string, ReturnType<typeof proxyaddr.compile>>();

function trustFor(proxies: readonly string[]) {
  const key = proxies.join(",");
  let trust = compiled.get(key);
  if (!trust) {
    trust = proxyaddr.compile([...proxies]);
    compiled.set(key, trust);
  }
  return trust;
}

/**
 * The client's address from a request's headers; "unknown" when the server did not record the
 * connection's address (a request that did not come through this process's HTTP server).
 */
export function clientAddress(headers: HeaderSource, trustedProxies: readonly string[] = env.TRUSTED_PROXIES): string {
  const peer = header(headers, PEER_ADDRESS_HEADER);
  if (!peer) return "unknown";
  const request = {
    socket: { remoteAddress: peer },
    headers: { "x-forwarded-for": header(headers, "x-forwarded-for") },
  };
  return proxyaddr(request as never, trustFor(trustedProxies));
}
