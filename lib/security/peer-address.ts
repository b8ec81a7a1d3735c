// The address a request really came from. Next.js keeps an incoming X-Forwarded-For as it is and only
// fills it in when absent, so whoever connects can name any address there, and the socket's own
// address is then lost. This hook, installed once at start (instrumentation.ts), writes the socket's
// address into a header of its own on every request before Next.js sees it, replacing any such header
// the client sent. lib/security/client-address.ts reads it.
import "server-only";
import http from "node:http";

export const PEER_ADDRESS_HEADER = "x-mingus-peer-address";

const installed = globalThis as typeof globalThis & { __mingusPeerAddress?: boolean };

/** Makes every node:http server of this process stamp PEER_ADDRESS_HEADER on its requests. */
export function installPeerAddressHeader(): void {
  if (installed.__mingusPeerAddress) return;
  installed.__mingusPeerAddress = true;
  const emit = http.Server.prototype.emit as (this: http.Server, event: string | symbol, ...args: unknown[]) => boolean;
  http.Server.prototype.emit = function emitWithPeer(this: http.Server, event: string | symbol, ...args: unknown[]) {
    if (event === "request") {
      const request = args[0] as http.IncomingMessage;
      const address = request.socket?.remoteAddress;
      if (address) request.headers[PEER_ADDRESS_HEADER] = address;
      else delete request.headers[PEER_ADDRESS_HEADER];
    }
    return emit.call(this, event, ...args);
  } as typeof http.Server.prototype.emit;
}
