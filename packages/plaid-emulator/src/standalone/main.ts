#!/usr/bin/env node
// `npm run emulator`: the Plaid emulator on a port of its own, for any app that wants an offline Plaid.
// Prints its base URL; point a Plaid client's basePath there. Stops cleanly on Ctrl-C or SIGTERM.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { createPlaidEmulator } from "../emulator.ts";
import { toNodeListener } from "../node-http.ts";
import { openStandaloneStore } from "./open-store.ts";
import { OptionsError, parseStandaloneOptions, USAGE } from "./options.ts";

async function main(): Promise<void> {
  const options = parseStandaloneOptions(process.argv.slice(2), process.env);
  if (options === "help") {
    console.log(USAGE);
    return;
  }
  const { store, where } = openStandaloneStore(options);
  // The Link stand-in runs in the app's pages, on another origin than this server.
  const emulator = createPlaidEmulator({
    store,
    cors: true,
    credentials: options.credentials ?? undefined,
    webhookHosts: options.webhookHosts ?? undefined,
  });
  try {
    const applied = await emulator.migrate();
    if (applied.length > 0) console.log(`Applied emulator migrations: ${applied.join(", ")}`);
  } catch (error) {
    await store.close();
    throw error;
  }
  const server = createServer(toNodeListener(emulator.handle));
  try {
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(options.port, options.host, resolve);
    });
  } catch (error) {
    await emulator.close();
    throw error;
  }
  const { port } = server.address() as AddressInfo;
  const host = options.host.includes(":") ? `[${options.host}]` : options.host;
  console.log(`Plaid emulator listening on http://${host}:${port} (${where})`);

  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    server.closeAllConnections();
    server.close();
    await emulator.close();
    process.exit(0);
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
}

main().catch((error: unknown) => {
  if (error instanceof OptionsError) console.error(`${error.message}\n\n${USAGE}`);
  else console.error(`The Plaid emulator cannot start: ${(error as Error).message}`);
  process.exit(1);
});
