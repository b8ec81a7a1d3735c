// Effective preferences for a user, or for one of their accounts: field by field, the account's row,
// then the user's global row, then the defaults. NULL in a row means "inherit".
import "server-only";
import { type BankingPreferencesModel, db } from "@/lib/db";
import { DEFAULT_PREFERENCES, PREFERENCE_FIELDS, type PreferenceField, type Preferences } from "./defaults";

export type PreferenceSource = "account" | "global" | "default";

export type ResolvedPreferences = {
  values: Preferences;
  /** Where each value came from, so a settings page can show "inherited from your defaults". */
  sources: Record<PreferenceField, PreferenceSource>;
};

type PreferenceRow = Pick<BankingPreferencesModel, PreferenceField>;

export function resolvePreferences({
  account,
  global,
}: {
  account: PreferenceRow | null;
  global: PreferenceRow | null;
}): ResolvedPreferences {
  const values: Partial<Record<PreferenceField, unknown>> = {};
  const sources: Partial<Record<PreferenceField, PreferenceSource>> = {};
  for (const field of PREFERENCE_FIELDS) {
    const fromAccount = account?.[field] ?? null;
    const fromGlobal = global?.[field] ?? null;
    if (fromAccount !== null) {
      values[field] = fromAccount;
      sources[field] = "account";
    } else if (fromGlobal !== null) {
      values[field] = fromGlobal;
      sources[field] = "global";
    } else {
      values[field] = DEFAULT_PREFERENCES[field];
      sources[field] = "default";
    }
  }
  // Every field was set above; the vocabulary columns hold only what their CHECK constraints allow.
  return { values: values as Preferences, sources: sources as Record<PreferenceField, PreferenceSource> };
}

/**
 * One query, scoped by userId: another user's row is never read, even when bankAccountId is theirs.
 * Without bankAccountId, the user's global preferences.
 */
export async function getEffectivePreferences({
  userId,
  bankAccountId,
}: {
  userId: string;
  bankAccountId?: string;
}): Promise<ResolvedPreferences> {
  const rows = await db.bankingPreferences.findMany({
    where: { userId, OR: [{ bankAccountId: null }, ...(bankAccountId ? [{ bankAccountId }] : [])] },
  });
  const wanted = bankAccountId?.toLowerCase();
  return resolvePreferences({
    account: (wanted && rows.find((row) => row.bankAccountId === wanted)) || null,
    global: rows.find((row) => row.bankAccountId === null) ?? null,
  });
}
