// A loopback TCP proxy for outage tests: a process given the proxy's port instead of the database's
// reaches the database through it, and the test can cut every connection (and refuse new ones) and
// later restore the way through, as a database restart or a network partition would.
import net from "node:net";

export type TcpProxy = {
  /** The port the proxy listens on, on 127.0.0.1. */
  port: number;
  /** Connections open through the proxy now. */
  open: () => number;
  /** Destroys every open connection; new ones are refused (reset at once) until `restore`. */
  cut: () => void;
  restore: () => void;
  close: () => Promise<void>;
};

export async function startTcpProxy({ host, port }: { host: string; port: number }): Promise<TcpProxy> {
  const sockets = new Set<net.Socket>();
  let down = false;
  const server = net.createServer((client) => {
    if (down) {
      client.resetAndDestroy();
      return;
    }
    const upstream = net.connect({ host, port });
    for (const socket of [client, upstream]) {
      sockets.add(socket);
      socket.once("close", () => sockets.delete(socket));
      // A reset from either side ends both; the error itself is what the process under test sees.
      socket.on("error", () => {
        client.destroy();
        upstream.destroy();
      });
    }
    client.pipe(upstream);
    upstream.pipe(client);
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  const address = server.address();
  if (!address || typeof address === "string") throw new Error("the proxy has no TCP address");
  return {
    port: address.port,
    open: () => sockets.size,
    cut() {
      down = true;
      for (const socket of sockets) socket.resetAndDestroy();
    },
    restore() {
      down = false;
    },
    async close() {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** The same database URL with its host and port swapped for the proxy's. */
export function throughProxy(url: string, proxy: TcpProxy): string {
  const proxied = new URL(url);
  proxied.hostname = "127.0.0.1";
  proxied.port = String(proxy.port);
  return proxied.toString();
}
