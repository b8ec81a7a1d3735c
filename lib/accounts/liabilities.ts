// A connection's cards and loans as Plaid's /liabilities/get describes them: the rate (a card's
// purchase APR, a loan's interest rate), the minimum payment due (payment_due), the next due date, the
// last payment and whether it is overdue, on the account row; credit_limit, payment_due and
// last_payment also as balance rows, through recordBalances, so their history is kept like any balance's.
import "server-only";
import type { AccountBase, LiabilitiesObject } from "plaid";
import { db } from "@/lib/db";
import { type DecimalInput, toMoney } from "@/lib/money/decimal";
import { callPlaid, isPlaidError } from "@/lib/plaid/client";
import { type BalanceUpdate, recordBalances } from "./update-balance";

export type LiabilityKind = "credit" | "student" | "mortgage";

export type LiabilityFigures = {
  kind: LiabilityKind;
  /** Percent (12.5 is 12.5%): a card's purchase APR. */
  apr: number | null;
  /** Percent: a loan's interest rate. */
  interestRate: number | null;
  creditLimit: number | null;
  /** The minimum payment due (a mortgage's next monthly payment). */
  paymentDue: number | null;
  nextPaymentDueDate: string | null;
  lastPaymentAmount: number | null;
  lastPaymentDate: string | null;
  isOverdue: boolean | null;
};

/** Plaid's answer as figures per Plaid account id; the limit comes from the account's balances. */
export function toLiabilityFigures(
  liabilities: LiabilitiesObject,
  accounts: AccountBase[],
): Map<string, LiabilityFigures> {
  const limitOf = (id: string | null) => accounts.find((account) => account.account_id === id)?.balances.limit ?? null;
  const figures = new Map<string, LiabilityFigures>();
  const common = { apr: null, interestRate: null, creditLimit: null };
  for (const card of liabilities.credit ?? []) {
    if (!card.account_id) continue;
    figures.set(card.account_id, {
      ...common,
      kind: "credit",
      apr: card.aprs.find((apr) => apr.apr_type === "purchase_apr")?.apr_percentage ?? null,
      creditLimit: limitOf(card.account_id),
      paymentDue: card.minimum_payment_amount,
      nextPaymentDueDate: card.next_payment_due_date,
      lastPaymentAmount: card.last_payment_amount,
      lastPaymentDate: card.last_payment_date,
      isOverdue: card.is_overdue,
    });
  }
  for (const loan of liabilities.student ?? []) {
    if (!loan.account_id) continue;
    figures.set(loan.account_id, {
      ...common,
      kind: "student",
      interestRate: loan.interest_rate_percentage,
      paymentDue: loan.minimum_payment_amount,
      nextPaymentDueDate: loan.next_payment_due_date,
      lastPaymentAmount: loan.last_payment_amount,
      lastPaymentDate: loan.last_payment_date,
      isOverdue: loan.is_overdue,
    });
  }
  for (const loan of liabilities.mortgage ?? []) {
    figures.set(loan.account_id, {
      ...common,
      kind: "mortgage",
      interestRate: loan.interest_rate.percentage,
      paymentDue: loan.next_monthly_payment,
      nextPaymentDueDate: loan.next_payment_due_date,
      lastPaymentAmount: loan.last_payment_amount,
      lastPaymentDate: loan.last_payment_date,
      // Plaid reports a mortgage's lateness as an amount past due.
      isOverdue: loan.past_due_amount === null ? null : loan.past_due_amount > 0,
    });
  }
  return figures;
}

// What Plaid answers when the item has no liabilities to give: not a failure of the sync.
const NOT_AVAILABLE = [
  "PRODUCTS_NOT_SUPPORTED",
  "NO_LIABILITY_ACCOUNTS",
  "PRODUCT_NOT_READY",
  "ADDITIONAL_CONSENT_REQUIRED",
];

export type LiabilitiesRefresh =
  | { status: "updated"; accounts: number }
  | { status: "no_liability_accounts" }
  | { status: "not_available"; code: string };

const day = (value: string | null) => (value ? new Date(`${value}T00:00:00Z`) : null);
const money = (value: DecimalInput | null) => (value === null ? null : toMoney(value));

/**
 * Reads /liabilities/get for a connection with a card or loan and records what it says. A connection
 * without one makes no call; an item without the product (see NOT_AVAILABLE) changes nothing.
 */
export async function refreshLiabilities({
  connectionId,
  accessToken,
  now = new Date(),
}: {
  connectionId: string;
  accessToken: string;
  now?: Date;
}): Promise<LiabilitiesRefresh> {
  const rows = await db.bankAccount.findMany({
    where: { plaidConnectionId: connectionId, type: { in: ["credit", "loan"] } },
    select: { id: true, accountId: true },
  });
  if (rows.length === 0) return { status: "no_liability_accounts" };
  let response: Awaited<ReturnType<typeof getLiabilities>>;
  try {
    response = await getLiabilities(connectionId, accessToken);
  } catch (error) {
    const code = isPlaidError(error) ? error.plaid.error_code : null;
    if (code && NOT_AVAILABLE.includes(code)) return { status: "not_available", code };
    throw error;
  }
  const figures = toLiabilityFigures(response.liabilities, response.accounts);
  const found = rows.flatMap((row) => {
    const figure = figures.get(row.accountId);
    return figure ? [{ row, figures: figure }] : [];
  });
  if (found.length > 0) await recordFigures(found, now);
  return { status: "updated", accounts: found.length };
}

function getLiabilities(connectionId: string, accessToken: string) {
  return callPlaid({ endpoint: "/liabilities/get", connectionId }, (api) =>
    api.liabilitiesGet({ access_token: accessToken }),
  );
}

/**
 * Every account's figures in one transaction: the balance rows through recordBalances, which compares
 * each value with the account's current history row and writes none when the refresh learns nothing
 * new, then all the account rows in one statement.
 */
async function recordFigures(found: { row: { id: string }; figures: LiabilityFigures }[], now: Date): Promise<void> {
  const balances: BalanceUpdate[] = [];
  for (const { row, figures } of found) {
    const accountId = row.id;
    if (figures.creditLimit !== null && figures.creditLimit >= 0) {
      balances.push({ accountId, balanceType: "credit_limit", amount: figures.creditLimit });
    }
    if (figures.paymentDue !== null) {
      balances.push({ accountId, balanceType: "payment_due", amount: figures.paymentDue });
    }
    if (figures.lastPaymentAmount !== null) {
      balances.push({
        accountId,
        balanceType: "last_payment",
        amount: figures.lastPaymentAmount,
        asOfDate: day(figures.lastPaymentDate) ?? now,
      });
    }
  }
  const column = <T>(pick: (figures: LiabilityFigures) => T) => found.map(({ figures }) => pick(figures));
  await db.$transaction(async (tx) => {
    await recordBalances(tx, balances);
    // A card keeps its APR and a loan its interest rate: the other column is left as it was.
    await tx.$executeRaw`
      UPDATE bank_accounts AS a SET
        liability_kind = f.kind,
        apr = CASE WHEN f.kind = 'credit' THEN f.apr ELSE a.apr END,
        interest_rate = CASE WHEN f.kind = 'credit' THEN a.interest_rate ELSE f.interest_rate END,
        next_payment_due_date = f.next_due,
        last_payment_amount = f.last_amount,
        last_payment_date = f.last_date,
        is_overdue = f.overdue,
        liabilities_updated_at = ${now},
        updated_at = ${now}
      FROM unnest(
        ${found.map(({ row }) => row.id)}::uuid[],
        ${column((f) => f.kind)}::text[],
        ${column((f) => f.apr)}::float8[],
        ${column((f) => f.interestRate)}::float8[],
        ${column((f) => f.nextPaymentDueDate || null)}::date[],
        ${column((f) => money(f.lastPaymentAmount)?.toFixed(2) ?? null)}::numeric[],
        ${column((f) => f.lastPaymentDate || null)}::date[],
        ${column((f) => f.isOverdue)}::boolean[]
      ) AS f(id, kind, apr, interest_rate, next_due, last_amount, last_date, overdue)
      WHERE a.id = f.id`;
  });
}
