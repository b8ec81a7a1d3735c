// GET /accounts/<id>/balances.csv[?range=1m|3m|1y|all]: the account's daily current and available
// balances as CSV (all time unless a range is given). Checks the session itself; another user's
// account is a 404.
import type { NextRequest } from "next/server";
import { readHistoryRange, unknownRangeMessage } from "@/lib/accounts/balances/ranges";
import { csvResponse, exportBalancesCsv } from "@/lib/accounts/csv-export";
import { recordAudit } from "@/lib/audit";
import { getCurrentUser } from "@/lib/auth/session";

export const dynamic = "force-dynamic";

export async function GET(request: NextRequest, { params }: { params: Promise<{ id: string }> }) {
  const user = await getCurrentUser();
  if (!user) return new Response("Sign in to download this file.", { status: 401 });
  const { id } = await params;
  const requested = request.nextUrl.searchParams.get("range");
  const range = requested === null ? "all" : readHistoryRange(requested);
  if (range === null) {
    return new Response(unknownRangeMessage(requested ?? ""), {
      status: 400,
      headers: { "Content-Type": "text/plain; charset=utf-8" },
    });
  }
  const download = await exportBalancesCsv({ userId: user.id, accountId: id, range });
  if (!download) return new Response("Not found.", { status: 404 });
  await recordAudit({ action: "data_exported", userId: user.id, detail: { what: "balances_csv", accountId: id } });
  return csvResponse(download);
}
