// Emulator test hooks for callers that never see access tokens (end-to-end tests drive the app, which
// keeps its tokens sealed): list a Link user's items, and reset an item's login by item id. Not Plaid
// endpoints; they take the same client_id / secret as every Plaid call.
import "server-only";
import { db } from "@/lib/db";
import { defineEndpoint } from "../endpoint";
import { loadItem } from "../items";
import { emulatorItemSchema, emulatorItemsListSchema } from "../schemas";
import { requireLogin } from "./sandbox";

/** Items a client_user_id linked through Link (create mode) or updated (update mode). */
async function itemIdsOfLinkUser(clientUserId: string): Promise<string[]> {
  const tokens = await db.plaidEmulatorLinkToken.findMany({
    where: { clientUserId },
    select: { itemId: true, request: true },
  });
  return tokens.flatMap((token) => [
    ...(token.itemId ? [token.itemId] : []),
    ...((token.request as { linked_item_ids?: string[] }).linked_item_ids ?? []),
  ]);
}

export const emulatorItemsList = defineEndpoint({
  schema: emulatorItemsListSchema,
  run: async ({ body }) => {
    const itemIds = body.client_user_id ? await itemIdsOfLinkUser(body.client_user_id) : undefined;
    const items = await db.plaidEmulatorItem.findMany({
      where: { removedAt: null, ...(itemIds ? { itemId: { in: itemIds } } : {}) },
      orderBy: { createdAt: "asc" },
    });
    return {
      items: items.map((item) => ({
        item_id: item.itemId,
        institution_id: item.institutionId,
        username: item.username,
        webhook: item.webhook,
        error_code: (item.error as { error_code?: string } | null)?.error_code ?? null,
        created_at: item.createdAt.toISOString(),
      })),
    };
  },
});

export const emulatorItemResetLogin = defineEndpoint({
  schema: emulatorItemSchema,
  run: async ({ body, ctx }) => {
    await requireLogin(await loadItem(body.item_id), ctx.requestId);
    return { reset_login: true };
  },
});
