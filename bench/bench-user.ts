// The user and Plaid connection a benchmark seeds its accounts under; deleting the user removes
// everything the benchmark made (accounts, transactions, balances cascade).
import { randomUUID } from "node:crypto";
import { db } from "@/lib/db";

export type BenchUser = { userId: string; connectionId: string };

export async function createBenchUser(): Promise<BenchUser> {
  const userId = randomUUID();
  await db.user.create({ data: { id: userId, email: `bench-${userId}@example.test`, name: "Bench" } });
  const connection = await db.plaidConnection.create({
    data: {
      userId,
      accessToken: "bench:not-a-token",
      itemId: `bench-${userId}`,
      institutionId: "ins_bench",
      institutionName: "Bench Bank",
    },
  });
  return { userId, connectionId: connection.id };
}

/** A depository account of the bench user's connection; returns its id. */
export async function createBenchAccount({ userId, connectionId }: BenchUser, name: string): Promise<string> {
  const account = await db.bankAccount.create({
    data: { userId, plaidConnectionId: connectionId, accountId: name, name, type: "depository" },
  });
  return account.id;
}
