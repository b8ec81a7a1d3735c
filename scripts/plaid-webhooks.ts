// `npm run plaid:webhooks`: tells Plaid the app's current webhook URL (APP_URL/api/plaid/webhook) for
// every active connection whose item has another one, through /item/webhook/update, and stores it.
// Run it after moving the app to a new address; workers also do it when they start. Exits non-zero if
// any item could not be updated (each call is recorded in plaid_api_calls).
import "@/scripts/load-env";
import { updateWebhookUrls } from "@/lib/connections";
import { closeBackend } from "@/lib/db/client";
import { getPlaidConfig } from "@/lib/plaid/config";

async function main(): Promise<number> {
  try {
    const { webhookUrl } = getPlaidConfig();
    const report = await updateWebhookUrls({ webhookUrl });
    console.log(`Webhook URL ${webhookUrl}: ${report.updated} of ${report.checked} connection(s) updated`);
    if (report.failed.length === 0) return 0;
    for (const failure of report.failed) console.error(`  connection ${failure.connectionId}: ${failure.code}`);
    console.error("Run again once Plaid answers; the rest are updated.");
    return 1;
  } catch (error) {
    console.error(`Updating webhook URLs failed: ${(error as Error).message}`);
    return 1;
  } finally {
    await closeBackend();
  }
}

process.exitCode = await main();
