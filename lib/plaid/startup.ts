// What a starting server checks about Plaid: a production server with neither Plaid's keys nor
// PLAID_EMULATOR=on stops at once, saying how to configure either; one serving the emulator says that
// it is not for real data.
import "server-only";
import { env } from "@/lib/env";
import { log } from "@/lib/log";
import { isEmulatorMounted, plaidStartupProblem } from "./config";

export function refuseToStartWithoutPlaid(): void {
  const problem = plaidStartupProblem();
  if (!problem) return;
  // Plain text on stderr, like a bad setting's message: it is for the person starting the server.
  process.stderr.write(`Mingus cannot start: ${problem}\n`);
  process.exit(1);
}

/** A production server serving the Plaid emulator warns once, at start: its banks are made up. */
export function warnWhenEmulatorServed(): void {
  if (env.NODE_ENV !== "production" || !isEmulatorMounted()) return;
  log.warn(
    "The Plaid emulator is on (PLAID_EMULATOR=on): banks, accounts and transactions are made up. " +
      "It is for demos and tests, not for real data; set PLAID_ENV, PLAID_CLIENT_ID and PLAID_SECRET to use Plaid.",
  );
}
