// One emulated Plaid call, from web Request to web Response: route, method, JSON body, API keys,
// schema, the item behind access_token, injected faults, the item's error state, then the endpoint.
// Stateless: everything lives in the store, so any instance (or a restarted one) answers alike.
import type { EmulatorContext } from "./endpoint.ts";
import { EmulatorError, errorResponse, jsonResponse, type UnexpectedErrorLog } from "./errors.ts";
import { applyFaults } from "./faults.ts";
import { createRequestId } from "./ids.ts";
import { loadItemByAccessToken, requireHealthyItem } from "./items.ts";
import { answerOAuthPage, OAUTH_AUTHORIZE_PATH } from "./oauth-page.ts";
import { type ApiCredentials, readApiKeys, readJsonBody, validateBody, withoutApiKeys } from "./request.ts";
import { FAULT_EXEMPT_PREFIX, findEndpoint } from "./router.ts";
import type { EmulatorStore } from "./store/store.ts";
import type { WebhookSender } from "./webhooks.ts";

export type HandlerRuntime = {
  store: EmulatorStore;
  webhooks: WebhookSender;
  clock: () => Date;
  /** Where the emulator is mounted, e.g. "/api/plaid-emulator"; "" at the root. */
  basePath: string;
  /** Resolves once the store is migrated; the first request waits for it. */
  ready: () => Promise<unknown>;
  /** Let a browser on another origin call the Link stand-in's endpoints (a standalone emulator). */
  cors: boolean;
  logError: UnexpectedErrorLog;
  /** The one key pair API calls must carry; any non-empty pair when undefined. */
  credentials?: ApiCredentials;
};

/** "/transactions/sync" from "transactions/sync", "/transactions/sync/" or "//transactions//sync". */
export function normalizePath(path: string): string {
  return `/${path.split("/").filter(Boolean).join("/")}`;
}

// The stand-in's calls carry only a link token, as Plaid's Link does, and no cookies: any origin may make them.
const CORS_HEADERS = {
  "Access-Control-Allow-Origin": "*",
  "Access-Control-Allow-Methods": "POST",
  "Access-Control-Allow-Headers": "Content-Type",
  "Access-Control-Max-Age": "600",
};

function withCors(response: Response): Response {
  for (const [name, value] of Object.entries(CORS_HEADERS)) response.headers.set(name, value);
  return response;
}

function contextFor(
  runtime: HandlerRuntime,
  {
    request,
    route,
    requestId,
    clientId,
  }: { request: Request; route: string; requestId: string; clientId: string | null },
): EmulatorContext {
  const base = normalizePath(runtime.basePath);
  const baseUrl = `${new URL(request.url).origin}${base === "/" ? "" : base}`;
  const { store, webhooks } = runtime;
  return { requestId, now: runtime.clock(), clientId, baseUrl, path: route, store, webhooks };
}

async function answer(runtime: HandlerRuntime, route: string, request: Request, requestId: string): Promise<Response> {
  try {
    const endpoint = findEndpoint(route);
    if (!endpoint) throw new EmulatorError("NOT_FOUND");
    if (request.method !== "POST") throw new EmulatorError("METHOD_NOT_ALLOWED", { allow: "POST" });
    const raw = await readJsonBody(request);
    const clientId = endpoint.auth === "api" ? readApiKeys(request.headers, raw, runtime.credentials) : null;
    const body = validateBody(endpoint.schema, withoutApiKeys(raw)) as Record<string, unknown>;
    await runtime.ready();
    const { store } = runtime;
    const ctx = contextFor(runtime, { request, route, requestId, clientId });
    const item = endpoint.itemScoped ? await loadItemByAccessToken(store, String(body.access_token)) : null;
    if (!route.startsWith(FAULT_EXEMPT_PREFIX)) {
      await applyFaults(store, {
        endpoint: route,
        itemId: item?.itemId ?? null,
        paginating: endpoint.paginating(body),
      });
    }
    if (item && endpoint.requiresHealthyItem) requireHealthyItem(item);
    const result = await endpoint.run({ body, ctx, item });
    return jsonResponse({ ...result, request_id: requestId });
  } catch (error) {
    return errorResponse(error, requestId, runtime.logError);
  }
}

async function answerPage(runtime: HandlerRuntime, route: string, request: Request): Promise<Response> {
  const requestId = createRequestId();
  try {
    await runtime.ready();
    return await answerOAuthPage(request, contextFor(runtime, { request, route, requestId, clientId: null }));
  } catch (error) {
    return errorResponse(error, requestId, runtime.logError);
  }
}

export function createRequestHandler(runtime: HandlerRuntime): (request: Request) => Promise<Response> {
  const base = normalizePath(runtime.basePath);
  return async (request) => {
    const { pathname } = new URL(request.url);
    const inside = base === "/" || pathname === base || pathname.startsWith(`${base}/`);
    if (!inside) return errorResponse(new EmulatorError("NOT_FOUND"), createRequestId(), runtime.logError);
    const route = normalizePath(base === "/" ? pathname : pathname.slice(base.length));
    // The OAuth bank's consent page: HTML for a person's browser, not a Plaid API call.
    if (route === OAUTH_AUTHORIZE_PATH) return answerPage(runtime, route, request);
    const cors = runtime.cors && findEndpoint(route)?.auth === "link";
    if (cors && request.method === "OPTIONS") return withCors(new Response(null, { status: 204 }));
    const response = await answer(runtime, route, request, createRequestId());
    return cors ? withCors(response) : response;
  };
}
