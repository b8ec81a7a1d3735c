"use server";
// Linking, reconnecting and unlinking banks. Thin: the session and zod through authedAction, then
// lib/plaid, which checks ownership again and keeps the access token on the server.

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { authedAction } from "@/lib/auth/action";
import { findInstitutionTrouble, type InstitutionTrouble } from "@/lib/connections/institution-trouble";
import {
  createLinkToken,
  exchangePublicToken,
  InstitutionAlreadyLinkedError,
  type LinkedConnection,
} from "@/lib/connections/link";
import { unlinkConnection } from "@/lib/connections/unlink";
import { completeUpdateMode } from "@/lib/connections/update-mode";

const connectionId = z.string().trim().min(1).max(64);

const linkTokenSchema = z.object({ connectionId: connectionId.optional() });

/** A link token for Link: a new bank, or update mode for one of the user's connections. */
export const createLinkTokenAction = authedAction(linkTokenSchema, async (input, user) => {
  const token = await createLinkToken({ userId: user.id, connectionId: input.connectionId });
  return { ok: true, data: token };
});

// Link's onSuccess metadata, sent as JSON in one form field; only the institution is read.
const metadataSchema = z.object({
  institution: z.object({ institution_id: z.string().min(1).max(64), name: z.string().min(1).max(200) }).nullable(),
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
      revalidatePath("/accounts");
      return { ok: true, message: `Linked ${linked.institutionName}.`, data: linked };
    } catch (error) {
      if (!(error instanceof InstitutionAlreadyLinkedError)) throw error;
      return {
        ok: false,
        message: error.message,
        data: { existingConnectionId: error.connectionId, institutionName: error.institutionName },
      };
    }
  },
);

const connectionSchema = z.object({ connectionId });

/** After update mode: clears "needs reconnect" once Plaid agrees the item is healthy. */
export const completeUpdateModeAction = authedAction(connectionSchema, async (input, user) => {
  const { institutionName } = await completeUpdateMode({ userId: user.id, connectionId: input.connectionId });
  revalidatePath("/accounts");
  return { ok: true, message: `${institutionName} is reconnected.` };
});

export const unlinkConnectionAction = authedAction(connectionSchema, async (input, user) => {
  const { institutionName } = await unlinkConnection({ userId: user.id, connectionId: input.connectionId });
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
