// What the last day of Plaid calls looked like, for operators: per endpoint, how many, how many
// failed and how slow; and the latest failures with their Plaid codes and request ids (what Plaid's
// support asks for). Reads plaid_api_calls through its created_at index; nothing secret is stored there.
import "server-only";
import { db } from "@/lib/db";

export interface PlaidEndpointStats {
  endpoint: string;
  calls: number;
  failed: number;
  /** Milliseconds. */
  medianMs: number;
  p95Ms: number;
}

export interface PlaidCallFailure {
  id: string;
  endpoint: string;
  createdAt: Date;
  statusCode: number | null;
  errorType: string | null;
  errorCode: string | null;
  requestId: string | null;
  institutionName: string | null;
  /** The request (x-request-id) or job that made the call: what to search the logs for. */
  appRequestId: string | null;
  jobId: string | null;
}

export const PLAID_CALL_WINDOW_HOURS = 24;

export async function getPlaidCallActivity({
  now = new Date(),
  failures = 10,
}: {
  now?: Date;
  failures?: number;
} = {}): Promise<{ endpoints: PlaidEndpointStats[]; failures: PlaidCallFailure[]; since: Date }> {
  const since = new Date(now.getTime() - PLAID_CALL_WINDOW_HOURS * 3_600_000);
  const [endpoints, recent] = await Promise.all([
    db.$queryRaw<PlaidEndpointStats[]>`
      SELECT endpoint, count(*)::int AS calls,
             (count(*) FILTER (WHERE error_code IS NOT NULL))::int AS failed,
             percentile_disc(0.5) WITHIN GROUP (ORDER BY duration_ms)::int AS "medianMs",
             percentile_disc(0.95) WITHIN GROUP (ORDER BY duration_ms)::int AS "p95Ms"
      FROM plaid_api_calls
      WHERE created_at > ${since} AND created_at <= ${now}
      GROUP BY endpoint
      ORDER BY failed DESC, calls DESC, endpoint`,
    db.$queryRaw<PlaidCallFailure[]>`
      SELECT c.id, c.endpoint, c.created_at AS "createdAt", c.status_code AS "statusCode",
             c.error_type AS "errorType", c.error_code AS "errorCode", c.request_id AS "requestId",
             c.app_request_id AS "appRequestId", c.job_id AS "jobId", p.institution_name AS "institutionName"
      FROM plaid_api_calls c
      LEFT JOIN plaid_connections p ON p.id = c.plaid_connection_id
      WHERE c.created_at > ${since} AND c.created_at <= ${now} AND c.error_code IS NOT NULL
      ORDER BY c.created_at DESC, c.id DESC
      LIMIT ${failures}`,
  ]);
  return { endpoints, failures: recent, since };
}
