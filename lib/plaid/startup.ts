// What a starting server checks about Plaid: a production server with neither Plaid's keys nor
// PLAID_EMULATOR=on stops at once, saying how to configure either.
import "server-only";
import { plaidStartupProblem } from "./config";

export function refuseToStartWithoutPlaid(): void {
  const problem = plaidStartupProblem();
  if (!problem) return;
  // Plain text on stderr, like a bad setting's message: it is for the person starting the server.
  process.stderr.write(`Mingus cannot start: ${problem}\n`);
  process.exit(1);
}
