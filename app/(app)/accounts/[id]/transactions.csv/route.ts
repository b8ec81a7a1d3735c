// GET /accounts/<id>/transactions.csv[?q=search]: the account's transactions (or those a search
// matches) as CSV, streamed. Checks the session itself; another user's account is a 404.
import type { NextRequest } from "next/server";
import { csvResponse, exportTransactionsCsv } from "@/lib/accounts/csv-export";
import { readSearchQuery } from "@/lib/accounts/transactions/list";
import { recordAudit } from "@/lib/audit";
import { getCurrentUser } from "@/lib/auth/session";

export const dynamic = "force-dynamic";

const badRequest = (message: string) =>
  new Response(message, { status: 400, headers: { "Content-Type": "text/plain; charset=utf-8" } });

export async function GET(request: NextRequest, { params }: { params: Promise<{ id: string }> }) {
  const user = await getCurrentUser();
  if (!user) return new Response("Sign in to download this file.", { status: 401 });
  const { id } = await params;
  // Refused before anything is read or streamed: a bad search never cuts a download short.
  const search = readSearchQuery(request.nextUrl.searchParams.get("q"));
  if ("error" in search) return badRequest(search.error);
  const download = await exportTransactionsCsv({ userId: user.id, accountId: id, query: search.query });
  if (!download) return new Response("Not found.", { status: 404 });
  await recordAudit({ action: "data_exported", userId: user.id, detail: { what: "transactions_csv", accountId: id } });
  return csvResponse(download);
}
