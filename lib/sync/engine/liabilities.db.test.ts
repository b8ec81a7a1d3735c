// Liabilities at the end of a sync, against the emulator over HTTP: a card's and loans' figures on their
// account rows and as balance rows, a payment the bank receives seen on the next sync, and an item
// without the product (or a failing /liabilities/get) leaving the sync a success.
import { describe, expect, it, vi } from "vitest";
import { db } from "@/lib/db";
import { setUpEmulatorServer } from "@/lib/test/emulator";

vi.mock("@/lib/plaid/config", () => import("@/lib/test/emulator"));

const { addFault, linkConnection, runRow, runSync } = await import("./test-support");
const server = setUpEmulatorServer();

type Liabilities = {
  credit: Array<{
    account_id: string;
    minimum_payment_amount: number;
    next_payment_due_date: string;
    aprs: Array<{ apr_type: string; apr_percentage: number }>;
  }>;
  student: Array<{
    account_id: string;
    interest_rate_percentage: number;
    minimum_payment_amount: number;
    next_payment_due_date: string;
  }>;
  mortgage: Array<{ account_id: string; next_monthly_payment: number; past_due_amount: number }>;
};

async function emulatorLiabilities(itemId: string): Promise<Liabilities> {
  const answer = await server.post("/emulator/items/liabilities/get", { item_id: itemId });
  return answer.body.liabilities as Liabilities;
}

const accountRow = (connectionId: string, accountId: string) =>
  db.bankAccount.findFirstOrThrow({ where: { plaidConnectionId: connectionId, accountId } });

const currentBalance = (bankAccountId: string, balanceType: string) =>
  db.accountBalance.findFirst({ where: { bankAccountId, balanceType, isCurrent: true } });

describe("liabilities on sync", () => {
  it("fills the card's APR, limit, minimum and due date, and the loans' rates, as /liabilities/get says", async () => {
    const connection = await linkConnection(server);
    const outcome = await runSync({ connectionId: connection.connectionId });
    expect(outcome.status).toBe("success");
    expect((await runRow(outcome.syncId)).context).toMatchObject({ liabilities: "updated" });

    const truth = await emulatorLiabilities(connection.itemId);
    const card = truth.credit[0];
    const cardRow = await accountRow(connection.connectionId, card?.account_id ?? "");
    expect(cardRow).toMatchObject({
      liabilityKind: "credit",
      apr: card?.aprs.find((apr) => apr.apr_type === "purchase_apr")?.apr_percentage,
      isOverdue: false,
    });
    expect(cardRow.paymentDue?.toFixed(2)).toBe(card?.minimum_payment_amount.toFixed(2));
    expect(cardRow.creditLimit?.toFixed(2)).toBe("2000.00");
    expect(cardRow.nextPaymentDueDate?.toISOString().slice(0, 10)).toBe(card?.next_payment_due_date);
    expect((await currentBalance(cardRow.id, "payment_due"))?.amount.toFixed(2)).toBe(
      card?.minimum_payment_amount.toFixed(2),
    );
    expect((await currentBalance(cardRow.id, "credit_limit"))?.amount.toFixed(2)).toBe("2000.00");
    expect(await currentBalance(cardRow.id, "last_payment")).not.toBeNull();

    const student = truth.student[0];
    const studentRow = await accountRow(connection.connectionId, student?.account_id ?? "");
    expect(studentRow).toMatchObject({ liabilityKind: "student", interestRate: student?.interest_rate_percentage });
    expect(studentRow.paymentDue?.toFixed(2)).toBe(student?.minimum_payment_amount.toFixed(2));
    const mortgage = truth.mortgage[0];
    const mortgageRow = await accountRow(connection.connectionId, mortgage?.account_id ?? "");
    expect(mortgageRow).toMatchObject({ liabilityKind: "mortgage", interestRate: 3.25, isOverdue: false });
    expect(mortgageRow.paymentDue?.toFixed(2)).toBe(mortgage?.next_monthly_payment.toFixed(2));

    // A second sync that learns nothing new writes no balance history.
    const rowsBefore = await db.accountBalance.count({ where: { bankAccountId: cardRow.id } });
    await runSync({ connectionId: connection.connectionId });
    expect(await db.accountBalance.count({ where: { bankAccountId: cardRow.id } })).toBe(rowsBefore);
  });

  it("writes the history row a figure lacks even when the account's copy already has the value", async () => {
    const connection = await linkConnection(server);
    await runSync({ connectionId: connection.connectionId });
    const card = await accountRow(
      connection.connectionId,
      (await emulatorLiabilities(connection.itemId)).credit[0]?.account_id ?? "",
    );
    // As a seed or an interrupted older version could leave it: the copy set, its history gone.
    await db.accountBalance.deleteMany({
      where: { bankAccountId: card.id, balanceType: { in: ["payment_due", "last_payment"] } },
    });
    expect(card.paymentDue).not.toBeNull();

    await runSync({ connectionId: connection.connectionId });
    expect((await currentBalance(card.id, "payment_due"))?.amount.toFixed(2)).toBe(card.paymentDue?.toFixed(2));
    expect((await currentBalance(card.id, "last_payment"))?.amount.toFixed(2)).toBe(card.lastPaymentAmount?.toFixed(2));
  });

  it("sees a payment the bank received on the next sync", async () => {
    const connection = await linkConnection(server);
    await runSync({ connectionId: connection.connectionId });
    const cardId = (await emulatorLiabilities(connection.itemId)).credit[0]?.account_id ?? "";
    const paid = await server.post("/emulator/items/liabilities/update", {
      item_id: connection.itemId,
      account_id: cardId,
      payment_amount: 77.7,
    });
    expect(paid.status).toBe(200);
    await runSync({ connectionId: connection.connectionId });
    const row = await accountRow(connection.connectionId, cardId);
    expect(row.lastPaymentAmount?.toFixed(2)).toBe("77.70");
    expect(row.lastPaymentDate?.toISOString().slice(0, 10)).toBe(new Date().toISOString().slice(0, 10));
    expect((await currentBalance(row.id, "last_payment"))?.amount.toFixed(2)).toBe("77.70");
  });

  it("is not a failure for a bank without Liabilities, or when /liabilities/get fails", async () => {
    const houndstooth = await linkConnection(server, { institutionId: "ins_109512" });
    const outcome = await runSync({ connectionId: houndstooth.connectionId });
    expect(outcome.status).toBe("success");
    expect((await runRow(outcome.syncId)).context).toMatchObject({ liabilities: "not_available" });
    expect(
      await db.bankAccount.count({
        where: { plaidConnectionId: houndstooth.connectionId, NOT: { liabilityKind: null } },
      }),
    ).toBe(0);

    const connection = await linkConnection(server);
    await addFault(server, {
      item_id: connection.itemId,
      endpoint: "/liabilities/get",
      error_code: "INSTITUTION_DOWN",
    });
    const failed = await runSync({ connectionId: connection.connectionId });
    expect(failed.status).toBe("success");
    expect((await runRow(failed.syncId)).context).toMatchObject({ liabilities: "failed" });
  });
});
