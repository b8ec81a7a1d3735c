// What the settings pages show: the user's effective global preferences, and for one account its own
// stored overrides beside what it would inherit (and from where). Scoped by the user throughout.
import "server-only";
import { findOwnedAccount } from "@/lib/auth/ownership";
import { db } from "@/lib/db";
import { PREFERENCE_FIELDS, type PreferenceField } from "./defaults";
import { getEffectivePreferences, type PreferenceSource, resolvePreferences } from "./resolve";
import { type SerializedResolvedPreferences, serializePreferences, serializeResolvedPreferences } from "./serialize";

export type PreferenceValues = SerializedResolvedPreferences["values"];
export type StoredPreferences = { [K in PreferenceField]: PreferenceValues[K] | null };

export interface AccountSettings {
  account: {
    id: string;
    name: string;
    mask: string | null;
    institutionName: string | null;
    notes: string | null;
    tags: string[];
  };
  /** The account's own row: null is "inherit". */
  stored: StoredPreferences;
  /** What each field would be without the account's row, and whether that is the user's or Mingus's default. */
  inherited: { values: PreferenceValues; sources: Record<PreferenceField, Exclude<PreferenceSource, "account">> };
}

/** The user's defaults as they apply now (their global row, then Mingus's defaults). */
export async function getGlobalSettings({ userId }: { userId: string }): Promise<SerializedResolvedPreferences> {
  return serializeResolvedPreferences(await getEffectivePreferences({ userId }));
}

/** One account's settings, or null when the id is malformed or the account is not this user's. */
export async function getAccountSettings({
  userId,
  bankAccountId,
}: {
  userId: string;
  bankAccountId: string;
}): Promise<AccountSettings | null> {
  const owned = await findOwnedAccount({ userId, accountId: bankAccountId });
  if (!owned) return null;
  const [account, global] = await Promise.all([
    db.bankAccount.findFirst({
      where: { id: owned.id, userId },
      select: {
        id: true,
        name: true,
        mask: true,
        notes: true,
        tags: true,
        plaidConnection: { select: { institutionName: true } },
        bankingPreferences: { where: { userId } },
      },
    }),
    db.bankingPreferences.findFirst({ where: { userId, bankAccountId: null } }),
  ]);
  if (!account) return null;

  const row = account.bankingPreferences[0];
  const own = row ? serializePreferences(row) : null;
  const stored = Object.fromEntries(
    PREFERENCE_FIELDS.map((field) => [field, own?.[field] ?? null]),
  ) as StoredPreferences;
  const inherited = serializeResolvedPreferences(resolvePreferences({ account: null, global }));
  return {
    account: {
      id: account.id,
      name: account.name,
      mask: account.mask,
      institutionName: account.plaidConnection?.institutionName ?? null,
      notes: account.notes,
      tags: Array.isArray(account.tags) ? account.tags.filter((tag) => typeof tag === "string") : [],
    },
    stored,
    inherited: inherited as AccountSettings["inherited"],
  };
}

export interface AccountLink {
  id: string;
  name: string;
  alias: string | null;
  mask: string | null;
  institutionName: string | null;
  hidden: boolean;
}

/** Every account of the user, for the links from /settings to each account's settings. */
export async function listAccountLinks({ userId }: { userId: string }): Promise<AccountLink[]> {
  const accounts = await db.bankAccount.findMany({
    where: { userId },
    orderBy: { id: "asc" },
    select: {
      id: true,
      name: true,
      mask: true,
      plaidConnection: { select: { institutionName: true } },
      bankingPreferences: { where: { userId }, select: { accountAlias: true, hideAccount: true } },
    },
  });
  const links = accounts.map((account) => ({
    id: account.id,
    name: account.name,
    alias: account.bankingPreferences[0]?.accountAlias ?? null,
    mask: account.mask,
    institutionName: account.plaidConnection?.institutionName ?? null,
    hidden: account.bankingPreferences[0]?.hideAccount ?? false,
  }));
  // In the order a person reads them: by the name shown, which is the alias when there is one.
  return links.sort((a, b) => (a.alias ?? a.name).localeCompare(b.alias ?? b.name, "en"));
}
