// What an endpoint is to the request pipeline: how it authenticates, its body schema, whether it acts
// on an item (resolved from access_token before faults run), and the function that answers it.
import type { z } from "zod";
import type { EmulatorItem } from "./items.ts";
import type { EmulatorStore } from "./store/store.ts";
import type { WebhookSender } from "./webhooks.ts";

export type EmulatorContext = {
  /** Plaid's request_id for this call; every answer and error carries it. */
  requestId: string;
  /** The clock: injectable so tests can move time (token expiry). */
  now: Date;
  /** The caller's client_id (null on Link stand-in endpoints, which the link_token authenticates). */
  clientId: string | null;
  /** Where this emulator answers, as the caller reached it, e.g. "http://localhost:3000/api/plaid-emulator". */
  baseUrl: string;
  /** The Plaid path called, e.g. "/transactions/sync". */
  path: string;
  /** Where the emulator's state lives. */
  store: EmulatorStore;
  /** Sends the item webhooks a call causes, once the call is answered. */
  webhooks: WebhookSender;
};

export type Endpoint = {
  auth: "api" | "link";
  schema: z.ZodType;
  /** Resolve body.access_token to an item before faults run (INVALID_ACCESS_TOKEN / ITEM_NOT_FOUND). */
  itemScoped: boolean;
  /** Refuse an item in an error state with that error (ITEM_LOGIN_REQUIRED after reset_login). */
  requiresHealthyItem: boolean;
  /** True when the call continues a /transactions/sync pagination (for mutate_during_pagination faults). */
  paginating: (body: unknown) => boolean;
  run: (args: { body: unknown; ctx: EmulatorContext; item: EmulatorItem | null }) => Promise<object>;
};

const never = () => false;

/** An endpoint that does not act on an existing item through an access token. */
export function defineEndpoint<S extends z.ZodType>(definition: {
  schema: S;
  auth?: "api" | "link";
  run: (args: { body: z.infer<S>; ctx: EmulatorContext }) => Promise<object>;
}): Endpoint {
  return {
    auth: definition.auth ?? "api",
    schema: definition.schema,
    itemScoped: false,
    requiresHealthyItem: false,
    paginating: never,
    run: ({ body, ctx }) => definition.run({ body: body as z.infer<S>, ctx }),
  };
}

/** An endpoint called with an item's access_token; `run` receives the item. */
export function defineItemEndpoint<S extends z.ZodType<{ access_token: string }>>(definition: {
  schema: S;
  requiresHealthyItem?: boolean;
  paginating?: (body: z.infer<S>) => boolean;
  run: (args: { body: z.infer<S>; ctx: EmulatorContext; item: EmulatorItem }) => Promise<object>;
}): Endpoint {
  return {
    auth: "api",
    schema: definition.schema,
    itemScoped: true,
    requiresHealthyItem: definition.requiresHealthyItem ?? false,
    paginating: (body) => definition.paginating?.(body as z.infer<S>) ?? false,
    run: ({ body, ctx, item }) => {
      if (!item) throw new Error("item endpoint called without an item");
      return definition.run({ body: body as z.infer<S>, ctx, item });
    },
  };
}
