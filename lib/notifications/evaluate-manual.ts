// Runs the account rules for one manual account after its balance changed by hand. A manual account
// has no connection (so no connection rules and no connection lock): its own row is locked instead,
// and the states and alerts are written in the same transaction, as evaluate.ts does for a connection.
import "server-only";
import { db } from "@/lib/db";
import { lockManualAccount } from "@/lib/db/locks";
import type { DeliveryChannel } from "@/lib/db/vocabulary";
import type { StateRow } from "./alert-states";
import { recordAlerts } from "./delivery/record";
import { ALERT_ACCOUNT_FIELDS, type EvaluationResult, evaluateAccount, loadPreferences } from "./evaluate";
import { ALERT_RULES } from "./rules/registry";
import type { AlertRuleDefinition } from "./rules/types";

export async function evaluateManualAccountAlerts({
  accountId,
  now = new Date(),
  channels,
  rules = ALERT_RULES,
}: {
  accountId: string;
  now?: Date;
  channels?: ReadonlySet<DeliveryChannel>;
  rules?: readonly AlertRuleDefinition[];
}): Promise<EvaluationResult> {
  return db.$transaction(
    async (tx) => {
      const owner = await lockManualAccount(tx, accountId);
      if (!owner) return { notifications: 0, dueMessageIds: [] };
      const account = await tx.bankAccount.findUniqueOrThrow({
        where: { id: accountId },
        select: ALERT_ACCOUNT_FIELDS,
      });
      const preferences = (await loadPreferences(tx, owner.userId))(accountId);
      const states: StateRow[] = await tx.alertState.findMany({ where: { bankAccountId: accountId } });
      const found = await evaluateAccount(tx, { account, preferences, states, rules, now });
      // Hidden and inactive accounts keep their states moving but stay silent.
      if (found.length === 0 || preferences.hideAccount || !account.isActive) {
        return { notifications: 0, dueMessageIds: [] };
      }
      const alerts = found.map((alert) => ({ ...alert, accountId, connectionId: null, preferences }));
      return recordAlerts(tx, { userId: owner.userId, alerts, now, channels });
    },
    { timeout: 30_000 },
  );
}
