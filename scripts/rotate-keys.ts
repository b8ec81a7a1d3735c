// `npm run keys:rotate`: re-seals every stored Plaid access token and authenticator app secret with the
// current key (the first in TOKEN_ENCRYPTION_KEY). To rotate: put a new key first, keep the old ones after it, run this, then drop
// the old keys. Exits non-zero if any token could not be opened (those rows are left untouched).
import "@/scripts/load-env";
import { closeBackend, databaseKind } from "@/lib/db/client";
import { rotateTokenKeys } from "@/lib/plaid/rotate-keys";

async function main(): Promise<number> {
  try {
    const result = await rotateTokenKeys();
    console.log(`Access tokens on the ${databaseKind()} database, current key "${result.currentKeyId}":`);
    console.log(`  ${result.resealed} re-sealed from an older key, ${result.sealed} plaintext token(s) sealed`);
    if (result.changedConcurrently > 0) {
      console.log(`  ${result.changedConcurrently} changed while rotating (left as they are; run again to check)`);
    }
    if (result.failed.length === 0) return 0;
    console.error(`${result.failed.length} token(s) could not be opened and were left untouched:`);
    for (const failure of result.failed) {
      console.error(`  ${failure.kind} ${failure.connectionId} (key "${failure.keyId}"): ${failure.reason}`);
    }
    console.error("Add the missing key(s) to TOKEN_ENCRYPTION_KEY (after the current one) and run again.");
    return 1;
  } catch (error) {
    console.error(`Key rotation failed: ${(error as Error).message}`);
    return 1;
  } finally {
    await closeBackend();
  }
}

process.exitCode = await main();
