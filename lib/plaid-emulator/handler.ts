// One emulated Plaid call, from web Request to web Response: route, method, JSON body, API keys,
// schema, the item behind access_token, injected faults, the item's error state, then the endpoint.
// Stateless: everything lives in the database, so any instance (or a restarted one) answers alike.
import "server-only";
import type { EmulatorContext } from "./endpoint";
import { EmulatorError, errorResponse, jsonResponse } from "./errors";
import { applyFaults } from "./faults";
import { createRequestId } from "./ids";
import { loadItemByAccessToken, requireHealthyItem } from "./items";
import { readApiKeys, readJsonBody, validateBody, withoutApiKeys } from "./request";
import { FAULT_EXEMPT_PREFIX, findEndpoint } from "./router";

/** "/transactions/sync" from ["transactions", "sync"], "transactions/sync" or "/transactions/sync/". */
export function normalizePath(path: string | string[]): string {
  const joined = Array.isArray(path) ? path.join("/") : path;
  return `/${joined.split("/").filter(Boolean).join("/")}`;
}

export async function handleEmulatorRequest({
  path,
  request,
  now,
}: {
  path: string | string[];
  request: Request;
  now?: Date;
}): Promise<Response> {
  const requestId = createRequestId();
  try {
    const route = normalizePath(path);
    const endpoint = findEndpoint(route);
    if (!endpoint) throw new EmulatorError("NOT_FOUND");
    if (request.method !== "POST") throw new EmulatorError("METHOD_NOT_ALLOWED", { allow: "POST" });
    const raw = await readJsonBody(request);
    const clientId = endpoint.auth === "api" ? readApiKeys(request.headers, raw) : null;
    const body = validateBody(endpoint.schema, withoutApiKeys(raw)) as Record<string, unknown>;
    const ctx: EmulatorContext = { requestId, now: now ?? new Date(), clientId, path: route };
    const item = endpoint.itemScoped ? await loadItemByAccessToken(String(body.access_token)) : null;
    if (!route.startsWith(FAULT_EXEMPT_PREFIX)) {
      await applyFaults({ endpoint: route, itemId: item?.itemId ?? null, paginating: endpoint.paginating(body) });
    }
    if (item && endpoint.requiresHealthyItem) requireHealthyItem(item);
    const answer = await endpoint.run({ body, ctx, item });
    return jsonResponse({ ...answer, request_id: requestId });
  } catch (error) {
    return errorResponse(error, requestId);
  }
}
