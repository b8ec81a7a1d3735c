// The posting engine behind the transaction accounts: records money movements with Plaid's sign (positive
// = money out), posts card purchases a day or two after authorization, and snapshots each day's current
// and available balance, so balance history and transactions always agree to the cent.
import "server-only";
import type { SeedDay } from "./calendar";
import type { AccountKey } from "./catalog";

export interface TransactionTemplate {
  name: string;
  merchantName: string | null;
  categoryPrimary: string;
  categoryDetailed: string;
  paymentChannel: "online" | "in store" | "other";
}

export interface SeedTransaction extends TransactionTemplate {
  accountKey: AccountKey;
  transactionId: string;
  /** Cents, Plaid's sign: positive is money out of the account. */
  amountCents: number;
  date: Date;
  authorizedDate: Date | null;
  pending: boolean;
  pendingTransactionId: string | null;
}

/** An asset's balance falls when money goes out; a credit card's balance (what is owed) rises. */
export type LedgerSide = "asset" | "liability";

interface Queued {
  accountKey: AccountKey;
  transactionId: string;
  template: TransactionTemplate;
  amountCents: number;
  authorizedDay: number;
  postDay: number;
}

/** Posted transactions authorized this many days before today keep a link to their pending version. */
const PENDING_LINK_WINDOW_DAYS = 10;

/** Whole cents as numeric(15,2) text: 123456 → "1234.56". */
export function centsToMoney(cents: number): string {
  const sign = cents < 0 ? "-" : "";
  const abs = Math.abs(Math.round(cents));
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, "0")}`;
}

export class Ledger {
  private readonly side = new Map<AccountKey, LedgerSide>();
  private readonly balances = new Map<AccountKey, number>();
  private readonly sequence = new Map<AccountKey, number>();
  private queue: Queued[] = [];
  private readonly transactions: SeedTransaction[] = [];
  /** Per account, one entry per day: the posted balance at the day's snapshot. */
  readonly current = new Map<AccountKey, number[]>();
  /** Per asset account: the current balance less authorized debits not yet posted. */
  readonly available = new Map<AccountKey, number[]>();

  constructor(
    private readonly days: readonly SeedDay[],
    accounts: readonly { key: AccountKey; side: LedgerSide; openingCents: number }[],
  ) {
    for (const { key, side, openingCents } of accounts) {
      this.side.set(key, side);
      this.balances.set(key, openingCents);
      this.current.set(key, []);
      if (side === "asset") this.available.set(key, []);
    }
  }

  /** The posted balance right now in the simulation. */
  balance(key: AccountKey): number {
    return this.balances.get(key) ?? 0;
  }

  /** Records a movement authorized on `day` that posts `lagDays` later (still pending if that is after today). */
  record(key: AccountKey, day: SeedDay, amountCents: number, template: TransactionTemplate, lagDays = 0): void {
    const next = (this.sequence.get(key) ?? 0) + 1;
    this.sequence.set(key, next);
    const entry: Queued = {
      accountKey: key,
      transactionId: `demo-txn-${key}-${String(next).padStart(4, "0")}`,
      template,
      amountCents,
      authorizedDay: day.index,
      postDay: day.index + lagDays,
    };
    if (lagDays === 0) this.post(entry);
    else this.queue.push(entry);
  }

  /** Posts what the bank settles on `day`; call before recording the day's movements. */
  openDay(day: SeedDay): void {
    const due = this.queue.filter((entry) => entry.postDay <= day.index);
    this.queue = this.queue.filter((entry) => entry.postDay > day.index);
    for (const entry of due) this.post(entry);
  }

  closeDay(): void {
    for (const [key, series] of this.current) series.push(this.balance(key));
    for (const [key, series] of this.available) {
      const holds = this.queue
        .filter((entry) => entry.accountKey === key && entry.amountCents > 0)
        .reduce((sum, entry) => sum + entry.amountCents, 0);
      series.push(this.balance(key) - holds);
    }
  }

  /** Every transaction: posted ones, then what is still pending at the end of the last day. */
  finish(): SeedTransaction[] {
    const pending = this.queue.map((entry) => this.toTransaction(entry, true));
    return [...this.transactions, ...pending];
  }

  private post(entry: Queued): void {
    const direction = this.side.get(entry.accountKey) === "liability" ? 1 : -1;
    this.balances.set(entry.accountKey, this.balance(entry.accountKey) + direction * entry.amountCents);
    this.transactions.push(this.toTransaction(entry, false));
  }

  private toTransaction(entry: Queued, pending: boolean): SeedTransaction {
    const authorized = this.dayAt(entry.authorizedDay);
    const wasPending = entry.postDay > entry.authorizedDay;
    const today = this.days.length - 1;
    return {
      ...entry.template,
      accountKey: entry.accountKey,
      transactionId: entry.transactionId,
      amountCents: entry.amountCents,
      // Plaid dates a pending transaction by its authorization and a posted one by its settlement.
      date: pending ? authorized.date : this.dayAt(entry.postDay).date,
      authorizedDate: entry.template.paymentChannel === "other" ? null : authorized.date,
      pending,
      // Plaid removes a pending transaction once it posts; the posted one names it. Only recent
      // postings do here, as if the seed's sync history had seen them pending.
      pendingTransactionId:
        !pending && wasPending && entry.authorizedDay >= today - PENDING_LINK_WINDOW_DAYS
          ? `${entry.transactionId}-pending`
          : null,
    };
  }

  private dayAt(index: number): SeedDay {
    const day = this.days[index];
    if (!day) throw new Error(`No seed day ${index}`);
    return day;
  }
}

/** One account's daily balances in cents, oldest first, one entry per seed day. */
export interface AccountSeries {
  current: number[];
  available?: number[];
  creditLimit?: number[];
}
