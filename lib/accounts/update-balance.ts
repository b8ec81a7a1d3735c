// Recording a new balance for an account: the history row and the account's own column change
// together, in one transaction, or not at all.
import "server-only";
import { type AccountBalanceModel as AccountBalance, db, type Prisma } from "@/lib/db";
import { type BalanceSource, type BalanceType, balanceTypeSchema, isUuid } from "@/lib/db/vocabulary";
import { AppError } from "@/lib/errors";
import { type DecimalInput, toMoney } from "@/lib/money/decimal";

type BalanceColumn = "currentBalance" | "availableBalance" | "creditLimit" | "paymentDue";

// Balance types the account row keeps a copy of, for listing accounts without the history table.
const COLUMN_FOR_TYPE: Partial<Record<BalanceType, BalanceColumn>> = {
  current: "currentBalance",
  available: "availableBalance",
  credit_limit: "creditLimit",
  payment_due: "paymentDue",
};

export type BalanceUpdate = {
  accountId: string;
  balanceType: BalanceType;
  amount: DecimalInput;
  /** Defaults to the account's currency; any other currency is rejected. */
  currency?: string;
  /** Defaults to the database's now(). A date before the current row's is recorded as history only. */
  asOfDate?: Date;
  /** Defaults to the column default, "plaid". */
  source?: BalanceSource;
};

export type BalanceRecorded = { changed: boolean; balance: AccountBalance };

/**
 * Records `amount` as the account's current balance of `balanceType`. The triggers retire the old
 * current row and fill previous_amount and the change. The same amount in the same currency as the
 * current row is not a change: nothing is inserted and `changed` is false.
 */
export async function updateBalance(update: BalanceUpdate): Promise<BalanceRecorded> {
  return db.$transaction((tx) => recordBalance(tx, update));
}

/** updateBalance for several values at once, in one transaction: all of them land, or none. */
export async function updateBalances(updates: BalanceUpdate[]): Promise<BalanceRecorded[]> {
  if (updates.length === 0) return [];
  return db.$transaction((tx) => recordBalances(tx, updates));
}

/** updateBalance inside the caller's transaction, for work that must land with the balance or not at all. */
export async function recordBalance(tx: Prisma.TransactionClient, update: BalanceUpdate): Promise<BalanceRecorded> {
  const [recorded] = await recordBalances(tx, [update]);
  if (!recorded) throw new Error("recordBalances returned no result for its one update");
  return recorded;
}

/**
 * updateBalance for several values inside the caller's transaction, in a fixed number of statements
 * whatever their count: the locks, the accounts, their current rows, one insert, one update per
 * account whose copy changes. Results are in the order of `updates`; each (account, type) at most once.
 */
export async function recordBalances(
  tx: Prisma.TransactionClient,
  updates: BalanceUpdate[],
): Promise<BalanceRecorded[]> {
  const checked = updates.map(checkUpdate);
  const keys = checked.map(({ accountId, balanceType }) => `${accountId}:${balanceType}`);
  if (new Set(keys).size !== keys.length) {
    // A caller's mistake, not a person's: two values for one (account, type) in one batch.
    throw new Error("recordBalances: the same account's balance type appears twice in one batch");
  }
  if (checked.length === 0) return [];

  // The lock the triggers take for each (account, type), taken in a fixed order so that two batches
  // cannot deadlock: no other writer can slip in between the "is it unchanged?" check below and the insert.
  await tx.$queryRaw`
    SELECT pg_advisory_xact_lock(hashtext(key))::text
    FROM (SELECT key FROM unnest(${keys}::text[]) AS key ORDER BY key) AS ordered`;
  const accountIds = [...new Set(checked.map((update) => update.accountId))];
  const accounts = new Map(
    (await tx.bankAccount.findMany({ where: { id: { in: accountIds } } })).map((account) => [account.id, account]),
  );
  const currents = new Map(
    (
      await tx.accountBalance.findMany({
        where: {
          bankAccountId: { in: accountIds },
          balanceType: { in: [...new Set(checked.map((update) => update.balanceType))] },
          isCurrent: true,
        },
      })
    ).map((row) => [`${row.bankAccountId}:${row.balanceType}`, row]),
  );

  const results: (BalanceRecorded | null)[] = [];
  const inserts: (CheckedUpdate & { currency: string; index: number })[] = [];
  const columns = new Map<string, Partial<Record<BalanceColumn, Prisma.Decimal>>>();
  const setColumn = (accountId: string, column: BalanceColumn, value: Prisma.Decimal) =>
    columns.set(accountId, { ...columns.get(accountId), [column]: value });
  for (const [index, update] of checked.entries()) {
    const account = accounts.get(update.accountId);
    if (!account) throw new AppError("balance:account_not_found", `No account ${update.accountId}`);
    const currency = update.currency ?? account.isoCurrencyCode;
    if (currency !== account.isoCurrencyCode) {
      throw new AppError(
        "balance:currency_mismatch",
        `Balance currency ${currency} does not match the account's currency ${account.isoCurrencyCode}`,
      );
    }
    const column = COLUMN_FOR_TYPE[update.balanceType];
    const current = currents.get(`${update.accountId}:${update.balanceType}`) ?? null;
    // A point dated before the current one is history of its own (an opening balance), never "unchanged".
    const backdated = current !== null && update.asOfDate !== undefined && update.asOfDate < current.asOfDate;
    // A calculated current balance (a manual account's today, worked forward through its transactions)
    // is not a statement: a balance the person states is recorded even when it agrees.
    const stated = current !== null && current.source !== "calculated";
    if (current && stated && !backdated && current.currency === currency && current.amount.equals(update.value)) {
      // No new history, but repair the account's copy if something wrote the column directly.
      if (column && !account[column]?.equals(update.value)) setColumn(update.accountId, column, update.value);
      results.push({ changed: false, balance: current });
      continue;
    }
    inserts.push({ ...update, currency, index });
    results.push(null);
  }

  const created =
    inserts.length === 0
      ? []
      : await tx.accountBalance.createManyAndReturn({
          data: inserts.map((update) => ({
            bankAccountId: update.accountId,
            balanceType: update.balanceType,
            amount: update.value,
            currency: update.currency,
            asOfDate: update.asOfDate,
            source: update.source,
            isCurrent: true,
          })),
        });
  const createdByKey = new Map(created.map((balance) => [`${balance.bankAccountId}:${balance.balanceType}`, balance]));
  for (const update of inserts) {
    const balance = createdByKey.get(`${update.accountId}:${update.balanceType}`);
    if (!balance) throw new Error("the balance insert returned fewer rows than it was given");
    results[update.index] = { changed: true, balance };
    // A backdated row stays history (the trigger leaves it not current), so the column keeps the newer value.
    const column = COLUMN_FOR_TYPE[update.balanceType];
    if (column && balance.isCurrent) setColumn(update.accountId, column, update.value);
  }
  await copyToAccounts(tx, columns);
  return results as BalanceRecorded[];
}

type CheckedUpdate = Omit<BalanceUpdate, "amount" | "balanceType"> & {
  balanceType: BalanceType;
  value: Prisma.Decimal;
};

function checkUpdate({ amount, balanceType, ...update }: BalanceUpdate): CheckedUpdate {
  const type = balanceTypeSchema.safeParse(balanceType);
  if (!type.success) throw new AppError("balance:invalid_type", `Unknown balance type "${balanceType}"`);
  const value = toMoney(amount);
  if (!isUuid(update.accountId)) throw new AppError("balance:account_not_found", `No account ${update.accountId}`);
  // PostgreSQL reads a uuid in either case and gives it back in lower case: compare ids as it does.
  return { ...update, accountId: update.accountId.toLowerCase(), balanceType: type.data, value };
}

/** The accounts' copies of their new current values, every account in one statement. */
async function copyToAccounts(
  tx: Prisma.TransactionClient,
  columns: Map<string, Partial<Record<BalanceColumn, Prisma.Decimal>>>,
): Promise<void> {
  if (columns.size === 0) return;
  const rows = [...columns];
  const values = (column: BalanceColumn) => rows.map(([, copy]) => copy[column]?.toFixed(2) ?? null);
  // Only the columns given change: the rest keep their value (a copy is never set back to null).
  await tx.$executeRaw`
    UPDATE bank_accounts AS a SET
      current_balance = COALESCE(c.current_balance, a.current_balance),
      available_balance = COALESCE(c.available_balance, a.available_balance),
      credit_limit = COALESCE(c.credit_limit, a.credit_limit),
      payment_due = COALESCE(c.payment_due, a.payment_due),
      updated_at = now()
    FROM unnest(
      ${rows.map(([accountId]) => accountId)}::uuid[],
      ${values("currentBalance")}::numeric[],
      ${values("availableBalance")}::numeric[],
      ${values("creditLimit")}::numeric[],
      ${values("paymentDue")}::numeric[]
    ) AS c(id, current_balance, available_balance, credit_limit, payment_due)
    WHERE a.id = c.id`;
}
