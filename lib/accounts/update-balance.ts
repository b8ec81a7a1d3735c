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

/**
 * Records `amount` as the account's current balance of `balanceType`. The triggers retire the old
 * current row and fill previous_amount and the change. The same amount in the same currency as the
 * current row is not a change: nothing is inserted and `changed` is false.
 */
type BalanceUpdate = {
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

/**
 * Records `amount` as the account's current balance of `balanceType`. The triggers retire the old
 * current row and fill previous_amount and the change. The same amount in the same currency as the
 * current row is not a change: nothing is inserted and `changed` is false.
 */
export async function updateBalance(update: BalanceUpdate): Promise<{ changed: boolean; balance: AccountBalance }> {
  return db.$transaction((tx) => recordBalance(tx, update));
}

/** updateBalance inside the caller's transaction, for work that must land with the balance or not at all. */
export async function recordBalance(
  tx: Prisma.TransactionClient,
  { accountId, balanceType, amount, currency, asOfDate, source }: BalanceUpdate,
): Promise<{ changed: boolean; balance: AccountBalance }> {
  const type = balanceTypeSchema.safeParse(balanceType);
  if (!type.success) throw new AppError("balance:invalid_type", `Unknown balance type "${balanceType}"`);
  const value = toMoney(amount);
  if (!isUuid(accountId)) throw new AppError("balance:account_not_found", `No account ${accountId}`);

  // The lock the triggers take for this (account, type): no other writer can slip in between the
  // "is it unchanged?" check below and the insert.
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${accountId}::uuid::text || ':' || ${type.data}))`;
  const account = await tx.bankAccount.findUnique({ where: { id: accountId } });
  if (!account) throw new AppError("balance:account_not_found", `No account ${accountId}`);
  const balanceCurrency = currency ?? account.isoCurrencyCode;
  if (balanceCurrency !== account.isoCurrencyCode) {
    throw new AppError(
      "balance:currency_mismatch",
      `Balance currency ${balanceCurrency} does not match the account's currency ${account.isoCurrencyCode}`,
    );
  }

  const column = COLUMN_FOR_TYPE[type.data];
  const syncColumn = (data: Prisma.BankAccountUpdateInput) => tx.bankAccount.update({ where: { id: accountId }, data });

  const current = await tx.accountBalance.findFirst({
    where: { bankAccountId: accountId, balanceType: type.data, isCurrent: true },
  });
  // A point dated before the current one is history of its own (an opening balance), never "unchanged".
  const backdated = current !== null && asOfDate !== undefined && asOfDate < current.asOfDate;
  // A calculated current balance (a manual account's today, worked forward through its transactions)
  // is not a statement: a balance the person states is recorded even when it agrees.
  const stated = current !== null && current.source !== "calculated";
  if (current && stated && !backdated && current.currency === balanceCurrency && current.amount.equals(value)) {
    // No new history, but repair the account's copy if something wrote the column directly.
    if (column && !account[column]?.equals(value)) await syncColumn(columnData(column, value));
    return { changed: false, balance: current };
  }

  const balance = await tx.accountBalance.create({
    data: {
      bankAccountId: accountId,
      balanceType: type.data,
      amount: value,
      currency: balanceCurrency,
      asOfDate,
      source,
      isCurrent: true,
    },
  });
  // A backdated row stays history (the trigger leaves it not current), so the column keeps the newer value.
  if (column && balance.isCurrent) await syncColumn(columnData(column, value));
  return { changed: true, balance };
}

function columnData(column: BalanceColumn, value: Prisma.Decimal): Prisma.BankAccountUpdateInput {
  switch (column) {
    case "currentBalance":
      return { currentBalance: value };
    case "availableBalance":
      return { availableBalance: value };
    case "creditLimit":
      return { creditLimit: value };
    case "paymentDue":
      return { paymentDue: value };
  }
}
