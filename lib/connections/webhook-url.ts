// Keeps every item's webhook URL on the one the app is configured with (lib/plaid/config.ts): when the
// app moves (a new APP_URL), each active connection whose stored URL differs is told through
// /item/webhook/update, and the new URL is stored. Run at worker start and by `npm run plaid:webhooks`.
import "server-only";
import { db } from "@/lib/db";
import { callPlaid, isPlaidError } from "@/lib/plaid/client";
import { getPlaidConfig } from "@/lib/plaid/config";
import { getConnectionAccessToken } from "@/lib/plaid/connection-token";

export type WebhookUrlReport = { checked: number; updated: number; failed: { connectionId: string; code: string }[] };

/** Updates each active connection whose webhook_url is not `webhookUrl`; one failure does not stop the rest. */
export async function updateWebhookUrls({
  webhookUrl = getPlaidConfig().webhookUrl,
}: {
  webhookUrl?: string;
} = {}): Promise<WebhookUrlReport> {
  // Demo connections (the seed's) hold no item at Plaid.
  const stale = await db.$queryRaw<{ id: string }[]>`
    SELECT id FROM plaid_connections
    WHERE is_active AND NOT (metadata @> '{"demo": true}'::jsonb)
      AND (webhook_url IS NULL OR webhook_url <> ${webhookUrl})
    ORDER BY id`;
  const report: WebhookUrlReport = { checked: stale.length, updated: 0, failed: [] };
  for (const { id: connectionId } of stale) {
    try {
      const accessToken = await getConnectionAccessToken({ connectionId });
      const { item } = await callPlaid({ endpoint: "/item/webhook/update", connectionId }, (api) =>
        api.itemWebhookUpdate({ access_token: accessToken, webhook: webhookUrl }),
      );
      await db.plaidConnection.update({
        where: { id: connectionId },
        data: { webhookUrl: item.webhook ?? webhookUrl },
      });
      report.updated++;
    } catch (error) {
      // The call is in plaid_api_calls; the code (never the token) is what the operator needs.
      const code = isPlaidError(error) ? error.plaid.error_code : error instanceof Error ? error.name : "unknown";
      report.failed.push({ connectionId, code });
    }
  }
  return report;
}
