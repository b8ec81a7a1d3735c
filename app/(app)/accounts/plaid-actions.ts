"use server";
// Linking, reconnecting and unlinking banks. Thin: the session and zod through authedAction, then
// lib/plaid, which checks ownership again and keeps the access token on the server.

import { revalidatePath } from "next/cache";
import { z } from "zod";
import type { AccountChanges } from "@/lib/accounts";
import { recordAudit } from "@/lib/audit";
import { authedAction } from "@/lib/auth/action";
import { findInstitutionTrouble, type InstitutionTrouble } from "@/lib/connections/institution-trouble";
import {
  createLinkToken,
  DuplicateConnectionError,
  exchangePublicToken,
  type LinkedConnection,
} from "@/lib/connections/link";
import { unlinkConnection } from "@/lib/connections/unlink";
import { completeUpdateMode } from "@/lib/connections/update-mode";

const connectionId = z.string().trim().min(1).max(64);

const linkTokenSchema = z
  .object({
    connectionId: connectionId.optional(),
    // Update mode that adds or removes accounts (after "New accounts available").
    accountSelection: z.literal("on").optional(),
  })
  .refine((input) => !input.accountSelection || input.connectionId, {
    message: "Choose the connection whose accounts to change.",
    path: ["connectionId"],
  });

/** A link token for Link: a new bank, or update mode for one of the user's connections. */
export const createLinkTokenAction = authedAction(linkTokenSchema, async (input, user) => {
  const token = await createLinkToken({
    userId: user.id,
    connectionId: input.connectionId,
    accountSelection: input.accountSelection === "on",
  });
  return { ok: true, data: token };
});

// Link's onSuccess metadata, sent as JSON in one form field; the institution and the accounts shared
// (their names and masks, to refuse a duplicate before the exchange) are read.
const metadataSchema = z.object({
  institution: z.object({ institution_id: z.string().min(1).max(64), name: z.string().min(1).max(200) }).nullable(),
  accounts: z
    .array(z.object({ name: z.string().min(1).max(200), mask: z.string().max(10).nullable() }))
    .max(200)
    .optional(),
  link_session_id: z.string().max(200).optional(),
});

const exchangeSchema = z.object({
  publicToken: z.string().trim().min(1).max(500),
  metadata: z
    .string()
    .max(20_000)
    .transform((text, context) => {
      try {
        return JSON.parse(text) as unknown;
      } catch {
        context.addIssue({ code: "custom", message: "Link's metadata is not JSON." });
        return z.NEVER;
      }
    })
    .pipe(metadataSchema),
});

type ExchangeData = LinkedConnection | { existingConnectionId: string; institutionName: string };

/** Exchanges Link's public token; a bank linked already comes back with its connection to reconnect. */
export const exchangePublicTokenAction = authedAction<typeof exchangeSchema, ExchangeData>(
  exchangeSchema,
  async ({ publicToken, metadata }, user) => {
    try {
      const linked = await exchangePublicToken({ userId: user.id, publicToken, metadata });
      await recordAudit({
        action: "bank_linked",
        userId: user.id,
        detail: {
          institution: linked.institutionName,
          connectionId: linked.connectionId,
          accounts: linked.accountCount,
        },
      });
      revalidatePath("/accounts");
      return { ok: true, message: `Linked ${linked.institutionName}.`, data: linked };
    } catch (error) {
      if (!(error instanceof DuplicateConnectionError)) throw error;
      return {
        ok: false,
        message: error.message,
        data: { existingConnectionId: error.connectionId, institutionName: error.institutionName },
      };
    }
  },
);

const connectionSchema = z.object({ connectionId });

const updateModeSchema = z.object({ connectionId, accountSelection: z.literal("on").optional() });

/** "Added Holiday Saver. Stopped syncing Plaid CD; its history is kept." */
function describeAccountChanges({ added, closed, reopened }: AccountChanges): string {
  const list = (names: string[]) => names.join(", ");
  return [
    added.length > 0 ? `Added ${list(added)}.` : "",
    reopened.length > 0 ? `Syncing ${list(reopened)} again.` : "",
    closed.length > 0 ? `Stopped syncing ${list(closed)}; ${closed.length > 1 ? "their" : "its"} history is kept.` : "",
  ]
    .filter(Boolean)
    .join(" ");
}

/** After update mode: clears "needs reconnect" once Plaid agrees the item is healthy, and takes the accounts shared. */
export const completeUpdateModeAction = authedAction(updateModeSchema, async (input, user) => {
  const { institutionName, accounts } = await completeUpdateMode({
    userId: user.id,
    connectionId: input.connectionId,
    accountSelection: input.accountSelection === "on",
  });
  revalidatePath("/accounts", "layout");
  const changes = describeAccountChanges(accounts);
  const message = input.accountSelection
    ? changes || `${institutionName}'s accounts are unchanged.`
    : `${institutionName} is reconnected.${changes ? ` ${changes}` : ""}`;
  return { ok: true, message };
});

export const unlinkConnectionAction = authedAction(connectionSchema, async (input, user) => {
  const { institutionName } = await unlinkConnection({ userId: user.id, connectionId: input.connectionId });
  await recordAudit({
    action: "bank_unlinked",
    userId: user.id,
    detail: { institution: institutionName, connectionId: input.connectionId },
  });
  // Its accounts' own pages are gone too.
  revalidatePath("/accounts", "layout");
  return { ok: true, message: `${institutionName} is unlinked.` };
});

const institutionSchema = z.object({
  institutionId: z.string().regex(/^ins_[A-Za-z0-9]{1,40}$/, "Not a Plaid institution id."),
  institutionName: z.string().trim().min(1).max(200),
});

/** After Link exits with an error: the bank's status, when it is having trouble (else null). */
export const institutionTroubleAction = authedAction<typeof institutionSchema, InstitutionTrouble>(
  institutionSchema,
  async (input) => ({ ok: true, data: await findInstitutionTrouble(input) }),
);
