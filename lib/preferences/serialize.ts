// The JSON shapes of a stored preferences row and of resolved preferences: thresholds as two-place
// strings, dates as ISO strings.
import "server-only";
import type { BankingPreferencesModel, Prisma } from "@/lib/db";
import { toNullableMoneyString } from "@/lib/money/decimal";
import type { ResolvedPreferences } from "./resolve";

type MoneyField = "balanceThreshold" | "lowBalanceThreshold" | "largeTransactionThreshold";
type WithMoneyAsStrings<T> = { [K in keyof T]: K extends MoneyField ? string | null : T[K] };

export type SerializedPreferences = Omit<WithMoneyAsStrings<BankingPreferencesModel>, "createdAt" | "updatedAt"> & {
  createdAt: string;
  updatedAt: string;
};

export type SerializedResolvedPreferences = {
  values: WithMoneyAsStrings<ResolvedPreferences["values"]>;
  sources: ResolvedPreferences["sources"];
};

function moneyAsStrings<T extends Record<MoneyField, Prisma.Decimal | null>>(values: T): WithMoneyAsStrings<T> {
  return {
    ...values,
    balanceThreshold: toNullableMoneyString(values.balanceThreshold),
    lowBalanceThreshold: toNullableMoneyString(values.lowBalanceThreshold),
    largeTransactionThreshold: toNullableMoneyString(values.largeTransactionThreshold),
  } as WithMoneyAsStrings<T>;
}

/** A stored row as it is: null stays null ("inherit"), so an editor can tell set from inherited. */
export function serializePreferences(row: BankingPreferencesModel): SerializedPreferences {
  return { ...moneyAsStrings(row), createdAt: row.createdAt.toISOString(), updatedAt: row.updatedAt.toISOString() };
}

export function serializeResolvedPreferences({ values, sources }: ResolvedPreferences): SerializedResolvedPreferences {
  return { values: moneyAsStrings(values), sources: { ...sources } };
}
