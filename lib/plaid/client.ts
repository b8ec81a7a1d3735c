// The one way the app talks to Plaid (or the local emulator): the official client, wrapped so every
// call is timed and recorded in plaid_api_calls, and every failure becomes a PlaidError that holds
// nothing of the request. Callers name the endpoint and the connection; bodies and tokens are never
// recorded or logged.
import "server-only";
import { Configuration, PlaidApi } from "plaid";
import { db } from "@/lib/db";
import { currentLogContext, log } from "@/lib/log";
import { getPlaidConfig, type PlaidConfig } from "./config";
import { isAxiosLikeError, plaidErrorFromAxios } from "./errors";

export type { PlaidErrorDetails } from "./errors";
export { isPlaidError, PlaidError } from "./errors";

/** The API version every request pins, so Plaid's response shapes match the `plaid` package's types. */
export const PLAID_VERSION = "2020-09-14";
// Generous: /transactions/sync and /transactions/refresh can take tens of seconds at Plaid.
const TIMEOUT_MS = 60_000;

export type PlaidCallMeta = {
  /** Plaid's path, as recorded: "/item/get". */
  endpoint: string;
  /** The connection the call is about, when there is one (recorded; SET NULL when it is deleted). */
  connectionId?: string | null;
};

/** What the official client's methods resolve to (an AxiosResponse), reduced to what is read. */
type PlaidResponse<T> = { data: T; status: number };

export type CallPlaid = <T>(meta: PlaidCallMeta, run: (api: PlaidApi) => Promise<PlaidResponse<T>>) => Promise<T>;

export type PlaidCaller = { api: PlaidApi; callPlaid: CallPlaid };

export function createPlaidApi(config: PlaidConfig): PlaidApi {
  return new PlaidApi(
    new Configuration({
      basePath: config.basePath,
      baseOptions: {
        timeout: TIMEOUT_MS,
        headers: { "PLAID-CLIENT-ID": config.clientId, "PLAID-SECRET": config.secret, "Plaid-Version": PLAID_VERSION },
      },
    }),
  );
}

/** A client and its recording wrapper for an explicit configuration (tests point it at a fake server). */
export function createPlaidCaller(config: PlaidConfig): PlaidCaller {
  const api = createPlaidApi(config);
  return { api, callPlaid: (meta, run) => callRecorded(config, api, meta, run) };
}

let cached: { key: string; caller: PlaidCaller } | undefined;

function getPlaidCaller(): PlaidCaller {
  const config = getPlaidConfig();
  const key = [config.mode, config.basePath, config.clientId, config.secret].join("\n");
  if (cached?.key !== key) cached = { key, caller: createPlaidCaller(config) };
  return cached.caller;
}

/** The official client for the configured Plaid. Prefer callPlaid, which records the call. */
export function getPlaidApi(): PlaidApi {
  return getPlaidCaller().api;
}

/**
 * Runs one Plaid call and returns its response body:
 * `callPlaid({ endpoint: "/item/get", connectionId }, (api) => api.itemGet({ access_token }))`.
 * Throws PlaidError on any Plaid or network failure.
 */
export const callPlaid: CallPlaid = (meta, run) => getPlaidCaller().callPlaid(meta, run);

type CallRecord = {
  statusCode: number | null;
  requestId: string | null;
  errorType: string | null;
  errorCode: string | null;
};

async function callRecorded<T>(
  config: PlaidConfig,
  api: PlaidApi,
  meta: PlaidCallMeta,
  run: (api: PlaidApi) => Promise<PlaidResponse<T>>,
): Promise<T> {
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  let response: PlaidResponse<T>;
  try {
    response = await run(api);
  } catch (error) {
    if (!isAxiosLikeError(error)) {
      // Not a response from Plaid (e.g. the client's own "required field" check): record, rethrow as is.
      const errorCode = error instanceof Error ? error.name : "unknown";
      await recordCall(config, meta, elapsed(), {
        statusCode: null,
        requestId: null,
        errorType: "CLIENT_ERROR",
        errorCode,
      });
      throw error;
    }
    // A new error built from safe fields only; the axios error (request body included) goes no further.
    const plaidError = plaidErrorFromAxios(error);
    const { status, request_id, error_type, error_code } = plaidError.plaid;
    await recordCall(config, meta, elapsed(), {
      statusCode: status,
      requestId: request_id,
      errorType: error_type,
      errorCode: error_code,
    });
    throw plaidError;
  }
  const requestId = (response.data as { request_id?: unknown } | null)?.request_id;
  await recordCall(config, meta, elapsed(), {
    statusCode: response.status,
    requestId: typeof requestId === "string" ? requestId : null,
    errorType: null,
    errorCode: null,
  });
  return response.data;
}

/** Records a call. Never throws: losing a record must not fail the call it describes. */
async function recordCall(config: PlaidConfig, meta: PlaidCallMeta, durationMs: number, record: CallRecord) {
  // The request or job making the call, so a recorded failure leads to its log lines.
  const { requestId: appRequestId, jobId } = currentLogContext();
  const data = {
    endpoint: meta.endpoint,
    environment: config.mode,
    durationMs,
    ...record,
    appRequestId: appRequestId ?? null,
    jobId: jobId ?? null,
  };
  try {
    await db.plaidApiCall.create({ data: { ...data, plaidConnectionId: meta.connectionId ?? null } });
  } catch (error) {
    try {
      // The connection may have been deleted meanwhile (a concurrent unlink): keep the call, unattached.
      if (!meta.connectionId) throw error;
      await db.plaidApiCall.create({ data: { ...data, plaidConnectionId: null } });
    } catch (again) {
      const reason = (again as { code?: unknown }).code ?? (again as Error).name;
      log.error({ endpoint: meta.endpoint, reason: String(reason) }, "plaid: could not record the call");
    }
  }
}
