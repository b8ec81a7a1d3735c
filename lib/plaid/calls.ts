// Reading the record of Plaid calls (plaid_api_calls) for operators: the newest first, optionally for
// one connection. Rows hold ids, codes and timings only; there is nothing secret to filter out.
import "server-only";
import { db } from "@/lib/db";

export type PlaidCallRecord = {
  id: string;
  endpoint: string;
  connectionId: string | null;
  environment: string;
  requestId: string | null;
  statusCode: number | null;
  errorType: string | null;
  errorCode: string | null;
  durationMs: number;
  createdAt: Date;
  /** The request (x-request-id) or job that made the call. */
  appRequestId: string | null;
  jobId: string | null;
};

const MAX_LIMIT = 500;

export async function listRecentPlaidCalls({
  limit = 50,
  connectionId,
}: {
  limit?: number;
  connectionId?: string;
} = {}): Promise<PlaidCallRecord[]> {
  const rows = await db.plaidApiCall.findMany({
    where: connectionId ? { plaidConnectionId: connectionId } : {},
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: Math.min(MAX_LIMIT, Math.max(1, Math.trunc(limit))),
  });
  return rows.map(({ plaidConnectionId, ...row }) => ({ ...row, connectionId: plaidConnectionId }));
}
