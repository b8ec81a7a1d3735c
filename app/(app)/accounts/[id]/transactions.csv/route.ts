// GET /accounts/<id>/transactions.csv[?q=search]: the account's transactions (or those a search
// matches) as CSV, streamed. Checks the session itself; another user's account is a 404.
import type { NextRequest } from "next/server";
import { csvResponse, exportTransactionsCsv } from "@/lib/accounts/csv-export";
import { normalizeQuery } from "@/lib/accounts/transactions/list";
import { getCurrentUser } from "@/lib/auth/session";

export const dynamic = "force-dynamic";

export async function GET(request: NextRequest, { params }: { params: Promise<{ id: string }> }) {
  const user = await getCurrentUser();
  if (!user) return new Response("Sign in to download this file.", { status: 401 });
  const { id } = await params;
  const query = normalizeQuery(request.nextUrl.searchParams.get("q"));
  const download = await exportTransactionsCsv({ userId: user.id, accountId: id, query });
  if (!download) return new Response("Not found.", { status: 404 });
  return csvResponse(download);
}
