// What a starting server checks about Plaid: a production server with neither Plaid's keys nor
// PLAID_EMULATOR=on stops at once, saying how to configure either.
import "server-only";
import { log } from "@/lib/log";
import { plaidStartupProblem } from "./config";

export function refuseToStartWithoutPlaid(): void {
  const problem = plaidStartupProblem();
  if (!problem) return;
  log.fatal(`Mingus cannot start: ${problem}`);
  process.exit(1);
}
