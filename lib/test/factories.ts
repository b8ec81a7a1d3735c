// Small factories for tests: each makes its own rows with unique ids, so tests never share data or
// depend on order. Pass any column to override the default.
import { randomUUID } from "node:crypto";
import { db, type Prisma } from "@/lib/db";
import { sealAccessToken } from "@/lib/plaid/token-crypto";

const unique = () => randomUUID().slice(0, 8);

/**
 * A person who has confirmed their address (pass `emailVerified: null` for one who has not). `role:
 * "admin"` is an explicit grant, as `npm run user:admin` makes one.
 */
export function createUser(data: Partial<Prisma.UserUncheckedCreateInput> = {}) {
  return db.user.create({
    data: {
      email: `user-${unique()}@example.test`,
      name: "Test User",
      emailVerified: new Date(),
      ...(data.role === "admin" ? { adminGrantedAt: new Date() } : {}),
      ...data,
    },
  });
}

/**
 * A connection whose access token is sealed as a linked one's is. `plaidAccessToken` is the plaintext
 * to seal (default: a unique fake); passing `accessToken` instead stores that value as is.
 */
export function createConnection({
  plaidAccessToken = `access-sandbox-test-${unique()}`,
  ...data
}: Partial<Prisma.PlaidConnectionUncheckedCreateInput> & { userId: string; plaidAccessToken?: string }) {
  const sealed = sealAccessToken(plaidAccessToken);
  return db.plaidConnection.create({
    data: {
      accessToken: sealed.ciphertext,
      accessTokenKeyId: sealed.keyId,
      itemId: `item-${unique()}`,
      institutionId: "ins_109508",
      institutionName: "First Platypus Bank",
      institutionPrimaryColor: "#1F6FEB",
      ...data,
    },
  });
}

export function createAccount(
  data: Partial<Prisma.BankAccountUncheckedCreateInput> & { userId: string; plaidConnectionId: string },
) {
  return db.bankAccount.create({
    data: {
      accountId: `acc-${unique()}`,
      name: "Plaid Checking",
      mask: "0000",
      type: "depository",
      subtype: "checking",
      ...data,
    },
  });
}

/** A user with one connection and one account: the common starting point. */
export async function createUserWithAccount(
  account: Partial<Prisma.BankAccountUncheckedCreateInput> = {},
  connection: Partial<Prisma.PlaidConnectionUncheckedCreateInput> = {},
) {
  const user = await createUser();
  const plaidConnection = await createConnection({ userId: user.id, ...connection });
  const bankAccount = await createAccount({ ...account, userId: user.id, plaidConnectionId: plaidConnection.id });
  return { user, connection: plaidConnection, account: bankAccount };
}

export function createBalance(data: Partial<Prisma.AccountBalanceUncheckedCreateInput> & { bankAccountId: string }) {
  return db.accountBalance.create({ data: { balanceType: "current", amount: "100.00", currency: "USD", ...data } });
}

export function createSync(data: Partial<Prisma.TransactionSyncUncheckedCreateInput> & { plaidConnectionId: string }) {
  return db.transactionSync.create({ data: { syncType: "incremental", ...data } });
}

export function createTransaction(data: Partial<Prisma.TransactionUncheckedCreateInput> & { bankAccountId: string }) {
  return db.transaction.create({
    data: { transactionId: `txn-${unique()}`, amount: "12.34", date: new Date("2026-11-01"), name: "Coffee", ...data },
  });
}

/** A preferences row: the user's global row unless bankAccountId is given. */
export function createPreferences(data: Partial<Prisma.BankingPreferencesUncheckedCreateInput> & { userId: string }) {
  return db.bankingPreferences.create({ data });
}
