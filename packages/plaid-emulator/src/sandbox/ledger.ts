// Balances moved by transactions, in cents so sums never pick up binary noise. A positive amount lowers
// an asset account and raises what is owed on a credit card or loan; pending amounts move only the
// available balance, posted ones the current balance as well. A null balance stays null.
import { type AccountBase, AccountType } from "plaid";
import { roundMoney } from "./prng.ts";

export type Ledger = {
  apply(accountId: string, amount: number, posted: boolean): void;
  /** Every account, copied, with the balances moved by what was applied. */
  accounts(): AccountBase[];
};

export function createLedger(accounts: AccountBase[]): Ledger {
  const deltas = new Map<string, { current: number; available: number }>();
  return {
    apply(accountId, amount, posted) {
      const delta = deltas.get(accountId) ?? { current: 0, available: 0 };
      const cents = Math.round(amount * 100);
      const account = accounts.find((candidate) => candidate.account_id === accountId);
      const owed = account?.type === AccountType.Credit || account?.type === AccountType.Loan;
      delta.available -= cents;
      if (posted) delta.current += owed ? cents : -cents;
      deltas.set(accountId, delta);
    },
    accounts() {
      return accounts.map((account) => {
        const delta = deltas.get(account.account_id);
        const copy = structuredClone(account);
        if (!delta) return copy;
        const { current, available } = copy.balances;
        if (current !== null && delta.current !== 0) copy.balances.current = roundMoney(current + delta.current / 100);
        if (available !== null && delta.available !== 0) {
          copy.balances.available = roundMoney(available + delta.available / 100);
        }
        return copy;
      });
    },
  };
}
