// What each rule last saw, per account or per connection (alert_states): read once per evaluation, and
// written only when it changed, so changed_at marks when a rule's state really moved.
import "server-only";
import type { Prisma } from "@/lib/db";
import type { AlertStateValue } from "@/lib/db/vocabulary";
import type { RuleState } from "./rules/types";

type Tx = Prisma.TransactionClient;

export type StateRow = {
  id: string;
  bankAccountId: string | null;
  plaidConnectionId: string | null;
  rule: string;
  state: string;
  threshold: Prisma.Decimal | null;
  watermark: Date | null;
};

export type StateSubject = { bankAccountId: string } | { plaidConnectionId: string };

export function loadStates(
  tx: Tx,
  { connectionId, accountIds }: { connectionId: string; accountIds: string[] },
): Promise<StateRow[]> {
  return tx.alertState.findMany({
    where: { OR: [{ plaidConnectionId: connectionId }, { bankAccountId: { in: accountIds } }] },
  });
}

export function asRuleState(row: StateRow | null): RuleState | null {
  return row ? { state: row.state as AlertStateValue, threshold: row.threshold } : null;
}

/** Stores a rule's next state: nothing when unchanged, a delete when the rule forgot it (null). */
export async function keepState(
  tx: Tx,
  {
    subject,
    rule,
    row,
    next,
    now,
  }: { subject: StateSubject; rule: string; row: StateRow | null; next: RuleState | null; now: Date },
): Promise<void> {
  if (!next) {
    if (row) await tx.alertState.delete({ where: { id: row.id } });
    return;
  }
  const unchanged =
    row?.state === next.state &&
    (row.threshold === null
      ? next.threshold === null
      : next.threshold !== null && row.threshold.equals(next.threshold));
  if (unchanged) return;
  await saveState(tx, { subject, rule, state: next.state, threshold: next.threshold, now });
}

/** Upserts a state that changed now (changed_at moves to now). */
export async function saveState(
  tx: Tx,
  {
    subject,
    rule,
    state,
    threshold = null,
    now,
  }: { subject: StateSubject; rule: string; state: AlertStateValue; threshold?: Prisma.Decimal | null; now: Date },
): Promise<void> {
  const key =
    "bankAccountId" in subject
      ? { bankAccountId_rule: { bankAccountId: subject.bankAccountId, rule } }
      : { plaidConnectionId_rule: { plaidConnectionId: subject.plaidConnectionId, rule } };
  await tx.alertState.upsert({
    where: key,
    create: { ...subject, rule, state, threshold, changedAt: now },
    update: { state, threshold, changedAt: now },
  });
}
