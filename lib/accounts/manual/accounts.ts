// A manual account's life: added by hand with an opening balance, its balance updated, edited and
// deleted. Each change is one transaction, checked through the ownership module and refused on a
// linked (Plaid) account. Balances change only through recordBalance, as 'manual' points.
import "server-only";
import { randomUUID } from "node:crypto";
import { getOwnedAccount, type OwnedAccount } from "@/lib/auth/ownership";
import { db, type Prisma } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { recordBalance } from "../update-balance";
import { afterManualChange } from "./after-change";
import { manualAccountKey } from "./kinds";
import type { CreateManualAccountInput, EditManualAccountInput } from "./schema";

type Tx = Prisma.TransactionClient;

/** The person's manual account, locked until the transaction ends; "not found" or "not manual" otherwise. */
export async function lockManualAccount(tx: Tx, { userId, accountId }: { userId: string; accountId: string }) {
  const account: OwnedAccount = await getOwnedAccount({ userId, accountId, client: tx });
  if (account.plaidConnectionId !== null) {
    throw new AppError(
      "account:not_manual",
      "This account is kept up to date by its bank and cannot be changed by hand.",
    );
  }
  // Two changes to one account (an import and a balance update) take turns.
  await tx.$queryRaw`SELECT id FROM bank_accounts WHERE id = ${account.id}::uuid FOR UPDATE`;
  return account;
}

export async function createManualAccount({
  userId,
  input,
}: {
  userId: string;
  input: CreateManualAccountInput;
}): Promise<{ id: string }> {
  const id = randomUUID();
  await db.$transaction(async (tx) => {
    await tx.bankAccount.create({
      data: {
        id,
        userId,
        plaidConnectionId: null,
        accountId: manualAccountKey(id),
        name: input.name,
        type: input.kind.type,
        subtype: input.kind.subtype,
        isoCurrencyCode: input.currency,
        verificationStatus: "verified",
      },
    });
    await recordOpening(tx, id, input);
    await afterManualChange(tx, id);
  });
  return { id };
}

/** The opening balance: the account's first 'manual' point, at the opening date. */
function recordOpening(tx: Tx, accountId: string, input: { openingBalance: string; openingDate: Date }) {
  return recordBalance(tx, {
    accountId,
    balanceType: "current",
    amount: input.openingBalance,
    asOfDate: input.openingDate,
    source: "manual",
  });
}

function findOpening(tx: Tx, accountId: string) {
  return tx.accountBalance.findFirst({
    where: { bankAccountId: accountId, balanceType: "current", source: "manual" },
    orderBy: [{ asOfDate: "asc" }, { createdAt: "asc" }],
  });
}

export async function getManualOpening({ userId, accountId }: { userId: string; accountId: string }) {
  const account = await getOwnedAccount({ userId, accountId });
  if (account.plaidConnectionId !== null) return null;
  const opening = await findOpening(db, account.id);
  return opening ? { amount: opening.amount, date: opening.asOfDate } : null;
}

export async function editManualAccount({ userId, input }: { userId: string; input: EditManualAccountInput }) {
  await db.$transaction(async (tx) => {
    const account = await lockManualAccount(tx, { userId, accountId: input.accountId });
    await tx.bankAccount.update({
      where: { id: account.id },
      data: { name: input.name, type: input.kind.type, subtype: input.kind.subtype },
    });
    const opening = await findOpening(tx, account.id);
    // The kind sets the history's sign (what is owed rises with spending) and whether it is rebuilt at all.
    if (opening?.amount.equals(input.openingBalance) && opening.asOfDate.getTime() === input.openingDate.getTime()) {
      await afterManualChange(tx, account.id);
      return;
    }
    const next = await tx.accountBalance.findFirst({
      where: { bankAccountId: account.id, balanceType: "current", source: "manual", id: { not: opening?.id } },
      orderBy: [{ asOfDate: "asc" }, { createdAt: "asc" }],
    });
    if (next && input.openingDate > next.asOfDate) {
      throw new AppError(
        "validation:invalid_date",
        `The opening date must come before the first balance update (${next.asOfDate.toISOString().slice(0, 10)}).`,
      );
    }
    if (opening) await tx.accountBalance.delete({ where: { id: opening.id } });
    await recordOpening(tx, account.id, input);
    await afterManualChange(tx, account.id);
  });
}

/** A new 'manual' point: now, or at the day given (an earlier day is recorded as history). */
export async function recordManualBalance({
  userId,
  accountId,
  amount,
  asOfDate,
}: {
  userId: string;
  accountId: string;
  amount: string;
  asOfDate?: Date;
}): Promise<{ changed: boolean }> {
  return db.$transaction(async (tx) => {
    const account = await lockManualAccount(tx, { userId, accountId });
    const { changed } = await recordBalance(tx, {
      accountId: account.id,
      balanceType: "current",
      amount,
      asOfDate,
      source: "manual",
    });
    if (changed) await afterManualChange(tx, account.id);
    return { changed };
  });
}

/** The account with its balances, transactions, preferences and alert states (the foreign keys cascade). */
export async function deleteManualAccount({ userId, accountId }: { userId: string; accountId: string }) {
  await db.$transaction(async (tx) => {
    const account = await lockManualAccount(tx, { userId, accountId });
    await tx.bankAccount.delete({ where: { id: account.id } });
  });
}
