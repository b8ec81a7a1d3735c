// For the engine's tests: real connections linked through the app's own Link code against a test
// emulator, runs claimed the way the queue's claimSync claims them, and the emulator's truth to
// compare the database with. Test files point the app's Plaid config at the emulator (vi.mock).
import type { EmulatorServer } from "@mingus/plaid-emulator/testing";
import { Products } from "plaid";
import { expect } from "vitest";
import { exchangePublicToken } from "@/lib/connections/link";
import { db } from "@/lib/db";
import { getConnectionAccessToken } from "@/lib/plaid/connection-token";
import { createUser } from "@/lib/test/factories";
import { executeSync } from "./execute-sync";

export type LinkedConnection = { userId: string; connectionId: string; itemId: string; accessToken: string };

export async function linkConnection(
  server: EmulatorServer,
  { username = "user_good", institutionId = "ins_109508" }: { username?: string; institutionId?: string } = {},
): Promise<LinkedConnection> {
  const user = await createUser();
  const { data } = await server.api.sandboxPublicTokenCreate({
    institution_id: institutionId,
    initial_products: [Products.Transactions],
    options: { override_username: username },
  });
  const { connectionId } = await exchangePublicToken({
    userId: user.id,
    publicToken: data.public_token,
    metadata: { institution: null },
  });
  const { itemId } = await db.plaidConnection.findUniqueOrThrow({ where: { id: connectionId } });
  return { userId: user.id, connectionId, itemId, accessToken: await getConnectionAccessToken({ connectionId }) };
}

/** What claimSync does: the waiting request (or a new one) moved to in_progress for `workerId`. */
export async function claimRun({
  connectionId,
  workerId = "test-worker",
}: {
  connectionId: string;
  workerId?: string;
}): Promise<string> {
  const waiting = await db.transactionSync.findFirst({
    where: { plaidConnectionId: connectionId, status: "pending" },
    orderBy: { createdAt: "asc" },
  });
  const now = new Date();
  const claimed = { status: "in_progress", workerId, startedAt: now, heartbeatAt: now };
  if (waiting) {
    await db.transactionSync.update({ where: { id: waiting.id }, data: claimed });
    return waiting.id;
  }
  const created = await db.transactionSync.create({
    data: { plaidConnectionId: connectionId, syncType: "incremental", context: { trigger: "manual" }, ...claimed },
  });
  return created.id;
}

/** Claims and runs one sync of the connection. */
export async function runSync({
  connectionId,
  heartbeat = async () => {},
  signal,
  pageSize,
  workerId = "test-worker",
}: {
  connectionId: string;
  heartbeat?: () => Promise<void>;
  signal?: AbortSignal;
  pageSize?: number;
  workerId?: string;
}) {
  const syncId = await claimRun({ connectionId, workerId });
  return executeSync({ syncId, workerId, heartbeat, signal, pageSize });
}

export type TransactionFacts = { amount: string; pending: boolean; accountId: string; date: string };

/** Every transaction the emulator holds for the item now (/transactions/get), by transaction_id. */
export async function emulatorTruth(
  server: EmulatorServer,
  accessToken: string,
): Promise<Map<string, TransactionFacts>> {
  const truth = new Map<string, TransactionFacts>();
  for (let offset = 0; ; ) {
    const { data } = await server.api.transactionsGet({
      access_token: accessToken,
      start_date: "2000-01-01",
      end_date: "2100-01-01",
      options: { count: 500, offset },
    });
    for (const t of data.transactions) {
      truth.set(t.transaction_id, {
        amount: t.amount.toFixed(2),
        pending: t.pending,
        accountId: t.account_id,
        date: t.date,
      });
    }
    offset += data.transactions.length;
    if (offset >= data.total_transactions || data.transactions.length === 0) return truth;
  }
}

/** The connection's transactions in the database, by transaction_id. */
export async function storedTransactions(connectionId: string): Promise<Map<string, TransactionFacts>> {
  const rows = await db.$queryRaw<{ id: string; amount: string; pending: boolean; account: string; date: string }[]>`
    SELECT t.transaction_id AS id, t.amount::text AS amount, t.pending, a.account_id AS account, t.date::text AS date
    FROM transactions t JOIN bank_accounts a ON a.id = t.bank_account_id
    WHERE a.plaid_connection_id = ${connectionId}::uuid`;
  return new Map(
    rows.map((row) => [row.id, { amount: row.amount, pending: row.pending, accountId: row.account, date: row.date }]),
  );
}

/** The database holds exactly the emulator's transactions for the connection, and no pending row a posted one replaced. */
export async function expectConverged(server: EmulatorServer, connection: LinkedConnection): Promise<number> {
  const truth = await emulatorTruth(server, connection.accessToken);
  const stored = await storedTransactions(connection.connectionId);
  expect(truth.size).toBeGreaterThan(0);
  expect([...stored.keys()].sort()).toEqual([...truth.keys()].sort());
  for (const [id, facts] of truth) expect(stored.get(id), id).toEqual(facts);
  const [both] = await db.$queryRaw<{ count: number }[]>`
    SELECT count(*)::int AS count FROM transactions posted JOIN transactions pending
      ON pending.transaction_id = posted.pending_transaction_id
    JOIN bank_accounts a ON a.id = posted.bank_account_id
    WHERE a.plaid_connection_id = ${connection.connectionId}::uuid`;
  expect(both?.count).toBe(0);
  return truth.size;
}

export async function addFault(server: EmulatorServer, fault: Record<string, unknown>): Promise<void> {
  const answer = await server.post("/emulator/faults", fault);
  expect(answer.status).toBe(200);
}

export async function clearFaults(server: EmulatorServer): Promise<void> {
  await server.post("/emulator/faults/clear", {});
}

export const runRow = (syncId: string) => db.transactionSync.findUniqueOrThrow({ where: { id: syncId } });
export const connectionRow = (connectionId: string) =>
  db.plaidConnection.findUniqueOrThrow({ where: { id: connectionId } });
