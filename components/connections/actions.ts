// The server actions the connection UI calls: Link, Sync now and Unlink. The accounts pages pass them
// down (app/(app)/accounts/plaid-actions.ts and sync-actions.ts own them).
import type { FormAction } from "@/components/form-action";
import type { InstitutionTrouble } from "@/lib/connections/institution-trouble";
import type { createLinkToken, LinkedConnection } from "@/lib/connections/link";
import type { SyncNowResult } from "@/lib/sync";

export interface LinkActions {
  createLinkToken: FormAction<Awaited<ReturnType<typeof createLinkToken>>>;
  /** A bank linked already comes back with its connection, to offer Reconnect instead. */
  exchangePublicToken: FormAction<LinkedConnection | { existingConnectionId: string; institutionName: string }>;
  completeUpdateMode: FormAction;
  /** After Link exits with an error: is the bank having trouble? (institutions/get_by_id include_status) */
  institutionTrouble?: FormAction<InstitutionTrouble>;
}

export type SyncNowAction = FormAction<{ result: SyncNowResult; syncId: string | null }>;

/** Everything a linked bank's row can do. */
export interface ConnectionActionSet {
  link: LinkActions;
  syncNow: SyncNowAction;
  unlink: FormAction;
}
