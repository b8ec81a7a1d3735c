// Every alert rule Mingus runs, in the order they are judged. Adding a rule: write its file in this
// folder (see types.ts and docs/contributing.md), add one line here, and test it. Transaction rules
// earlier in the list take a transaction before later ones (unusual activity before the plain
// transaction alert); the order here is also the order of the alert settings on the settings pages.
import { balanceThresholdRule } from "./balance-threshold";
import { connectionExpiringRule } from "./connection-expiring";
import { lowBalanceRule } from "./low-balance";
import { reconnectRule } from "./reconnect";
import { transactionRule } from "./transaction";
import type { AlertRuleDefinition, RuleSettings } from "./types";
import { unusualActivityRule } from "./unusual-activity";

export const ALERT_RULES = [
  reconnectRule,
  balanceThresholdRule,
  lowBalanceRule,
  unusualActivityRule,
  transactionRule,
  connectionExpiringRule,
] as const satisfies readonly AlertRuleDefinition[];

export type NotificationKind = (typeof ALERT_RULES)[number]["kind"];

/** notifications.kind values the rules make. */
export const NOTIFICATION_KINDS = ALERT_RULES.map((rule) => rule.kind) as NotificationKind[];

export function isNotificationKind(value: string): value is NotificationKind {
  return (NOTIFICATION_KINDS as string[]).includes(value);
}

/** The rule that makes a kind of notification; undefined for a kind no rule makes any more. */
export function ruleOfKind(kind: string): AlertRuleDefinition | undefined {
  return ALERT_RULES.find((rule) => rule.kind === kind);
}

/** What the settings pages show for the alerts, in registry order: each switchable rule's fields. */
export function alertSettings(): RuleSettings[] {
  return ALERT_RULES.flatMap((rule) => (rule.settings ? [rule.settings] : []));
}
