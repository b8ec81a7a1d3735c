// Writing settings: the user's one global preferences row, one row per account (NULL is "inherit"),
// and an account's own notes and tags. Every write is scoped by the user and runs in one transaction.
import "server-only";
import { getOwnedAccount } from "@/lib/auth/ownership";
import { db, type Prisma } from "@/lib/db";
import { toMoney } from "@/lib/money/decimal";
import type { AccountDetailsInput, AccountPreferencesInput, GlobalPreferencesInput } from "./schema";

type Tx = Prisma.TransactionClient;
type RowData = Prisma.BankingPreferencesUpdateManyMutationInput;

const MONEY_FIELDS = new Set(["balanceThreshold", "lowBalanceThreshold", "largeTransactionThreshold"]);

/** Only the fields given are written; thresholds become Decimals, null stays null (inherit). */
function toRowData(input: Partial<GlobalPreferencesInput> | Partial<AccountPreferencesInput>): RowData {
  const data: Record<string, unknown> = {};
  for (const [field, value] of Object.entries(input)) {
    if (value === undefined) continue;
    data[field] = MONEY_FIELDS.has(field) && typeof value === "string" ? toMoney(value) : value;
  }
  return data as RowData;
}

async function assertOwnAccount(tx: Tx, { userId, bankAccountId }: { userId: string; bankAccountId: string }) {
  // Inside the transaction, so an unlink that lands meanwhile is seen.
  return (await getOwnedAccount({ userId, accountId: bankAccountId, client: tx })).id;
}

async function writeAccountPreferences(
  tx: Tx,
  { userId, bankAccountId, input }: { userId: string; bankAccountId: string; input: Partial<AccountPreferencesInput> },
) {
  // Insert-if-missing, then update: two requests at once cannot create two rows or lose one.
  await tx.$executeRaw`
    INSERT INTO banking_preferences (user_id, bank_account_id) VALUES (${userId}::uuid, ${bankAccountId}::uuid)
    ON CONFLICT (user_id, bank_account_id) DO NOTHING`;
  await tx.bankingPreferences.updateMany({ where: { userId, bankAccountId }, data: toRowData(input) });
}

async function writeAccountDetails(
  tx: Tx,
  { userId, bankAccountId, notes, tags }: { userId: string; bankAccountId: string } & AccountDetailsInput,
) {
  await tx.bankAccount.updateMany({ where: { id: bankAccountId, userId }, data: { notes, tags } });
}

/** The user's defaults for every account: creates the global row the first time. */
export async function saveGlobalPreferences({
  userId,
  input,
}: {
  userId: string;
  input: Partial<GlobalPreferencesInput>;
}): Promise<void> {
  await db.$transaction(async (tx) => {
    await tx.$executeRaw`
      INSERT INTO banking_preferences (user_id) VALUES (${userId}::uuid)
      ON CONFLICT (user_id) WHERE bank_account_id IS NULL DO NOTHING`;
    await tx.bankingPreferences.updateMany({ where: { userId, bankAccountId: null }, data: toRowData(input) });
  });
}

/** One account's overrides; null in `input` means "inherit". Throws account:not_found for others' accounts. */
export async function saveAccountPreferences({
  userId,
  bankAccountId,
  input,
}: {
  userId: string;
  bankAccountId: string;
  input: Partial<AccountPreferencesInput>;
}): Promise<void> {
  await db.$transaction(async (tx) => {
    const id = await assertOwnAccount(tx, { userId, bankAccountId });
    await writeAccountPreferences(tx, { userId, bankAccountId: id, input });
  });
}

/** An account's notes and tags (columns of bank_accounts, not preferences). */
export async function saveAccountDetails({
  userId,
  bankAccountId,
  notes,
  tags,
}: { userId: string; bankAccountId: string } & AccountDetailsInput): Promise<void> {
  await db.$transaction(async (tx) => {
    const id = await assertOwnAccount(tx, { userId, bankAccountId });
    await writeAccountDetails(tx, { userId, bankAccountId: id, notes, tags });
  });
}

/** The account settings form: preferences and details together, all or nothing. */
export async function saveAccountSettings({
  userId,
  bankAccountId,
  preferences,
  details,
}: {
  userId: string;
  bankAccountId: string;
  preferences: AccountPreferencesInput;
  details: AccountDetailsInput;
}): Promise<void> {
  await db.$transaction(async (tx) => {
    const id = await assertOwnAccount(tx, { userId, bankAccountId });
    await writeAccountDetails(tx, { userId, bankAccountId: id, ...details });
    await writeAccountPreferences(tx, { userId, bankAccountId: id, input: preferences });
  });
}
