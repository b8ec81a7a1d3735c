// Writes the demo data set for `npm run db:seed`. In one transaction it upserts the demo user by email
// and replaces the seed's own rows: connections with item_id "demo-…" (cascading to their accounts,
// balances, transactions, syncs and preferences) and the user's global preferences. Rows the user made
// themselves are never touched, and a failure half-way leaves the previous demo data in place.
import "server-only";
import { createHash } from "node:crypto";
import { hashPassword, verifyPassword } from "@/lib/auth/password";
import { db } from "@/lib/db";
import { BALANCE_COLUMNS, insertRows, TRANSACTION_COLUMNS } from "./bulk-insert";
import { DEMO_EMAIL, DEMO_ITEM_PREFIX, DEMO_NAME, DEMO_PASSWORD } from "./catalog";
import { buildDemoPlan } from "./plan";
import { accountRows, balanceRows, connectionRows, demoIds, preferenceRows, syncRows, transactionRows } from "./rows";

export interface SeedResult {
  email: string;
  password: string;
  userId: string;
  connections: number;
  accounts: number;
  balances: number;
  transactions: number;
  syncs: number;
}

/** Keeps the stored hash while it still matches, so a re-seed leaves the user row as it was. */
async function demoPasswordHash(email: string): Promise<string> {
  const existing = await db.user.findUnique({ where: { email }, select: { passwordHash: true } });
  if (existing?.passwordHash && (await verifyPassword({ password: DEMO_PASSWORD, hash: existing.passwordHash }))) {
    return existing.passwordHash;
  }
  return hashPassword(DEMO_PASSWORD);
}

/**
 * Seeds the demo user, or another user with the same data set (`email`, for end-to-end tests that
 * each need a user of their own); their Plaid ids get a suffix so they never collide.
 */
export async function seedDemoData({
  now = new Date(),
  email = DEMO_EMAIL,
  name = DEMO_NAME,
}: {
  now?: Date;
  email?: string;
  name?: string;
} = {}): Promise<SeedResult> {
  const plan = buildDemoPlan({ now });
  const passwordHash = await demoPasswordHash(email);
  const plaidSuffix = email === DEMO_EMAIL ? "" : `-${createHash("sha256").update(email).digest("hex").slice(0, 8)}`;

  return db.$transaction(
    async (tx) => {
      const user = await tx.user.upsert({
        where: { email },
        create: { email, name, role: "user", passwordHash, emailVerified: now },
        update: { name, passwordHash },
        select: { id: true },
      });
      const ids = demoIds(user.id, plaidSuffix);
      await tx.plaidConnection.deleteMany({ where: { userId: user.id, itemId: { startsWith: DEMO_ITEM_PREFIX } } });
      await tx.bankingPreferences.deleteMany({ where: { userId: user.id, bankAccountId: null } });

      const connections = await tx.plaidConnection.createMany({ data: connectionRows(plan, user.id, ids) });
      const accounts = await tx.bankAccount.createMany({ data: accountRows(plan, user.id, ids) });
      await tx.bankingPreferences.createMany({ data: preferenceRows(user.id, ids) });
      // Day by day per (account, balance type): the triggers chain each row to the one before and
      // leave the last day as the current row.
      const balances = await insertRows(tx, "account_balances", BALANCE_COLUMNS, balanceRows(plan, ids));
      const transactions = await insertRows(tx, "transactions", TRANSACTION_COLUMNS, transactionRows(plan, ids));
      const syncs = await tx.transactionSync.createMany({ data: syncRows(plan, ids) });

      return {
        email,
        password: DEMO_PASSWORD,
        userId: user.id,
        connections: connections.count,
        accounts: accounts.count,
        balances,
        transactions,
        syncs: syncs.count,
      };
    },
    { maxWait: 10_000, timeout: 120_000 },
  );
}
