// What the bank says about the account beyond its balances: rates, fees, limits, the masked numbers,
// and the user's tags and notes. A detail the bank does not report is left out rather than shown empty.
import type { AccountDetail } from "@/lib/accounts/detail";
import type { Display } from "@/lib/format/display";
import { humanize, percent } from "./labels";
import { type Term, TermList } from "./term-list";

export function DetailsList({ account, display }: { account: AccountDetail; display: Display }) {
  const money = (value: AccountDetail["current"]) => (value === null ? null : display.money(value, account.currency));
  const rows: Term[] = [
    { label: "Type", value: [humanize(account.type), humanize(account.subtype)].filter(Boolean).join(" · ") },
    { label: "Status", value: humanize(account.status) },
    // A card's or loan's terms have their own section (LiabilitySection) once the bank reported them.
    ...(account.liability
      ? []
      : [
          { label: "APR", value: account.apr === null ? null : percent(account.apr) },
          { label: "Interest rate", value: account.interestRate === null ? null : percent(account.interestRate) },
          { label: "Credit limit", value: money(account.creditLimit) },
          { label: "Payment due", value: money(account.paymentDue) },
        ]),
    { label: "Minimum balance", value: money(account.minimumBalance) },
    { label: "Monthly fee", value: money(account.monthlyFee) },
    { label: "Account number", value: account.accountNumber },
    { label: "Routing number", value: account.routingNumber },
    { label: "Currency", value: account.currency },
    {
      label: "Last synced",
      value: account.lastSyncAt ? <LastSync at={account.lastSyncAt} display={display} /> : "Never",
    },
    { label: "Tags", value: account.tags.length > 0 ? <Tags tags={account.tags} /> : null },
    { label: "Notes", value: account.notes ? <span className="whitespace-pre-line">{account.notes}</span> : null },
  ];
  return (
    <section aria-labelledby="account-details" className="space-y-4">
      <h2 id="account-details" className="text-lg font-semibold">
        Details
      </h2>
      <TermList terms={rows} />
    </section>
  );
}

function LastSync({ at, display }: { at: Date; display: Display }) {
  return (
    <time dateTime={at.toISOString()} title={display.dateTime(at)}>
      {display.relative(at)}
    </time>
  );
}

function Tags({ tags }: { tags: string[] }) {
  return (
    <ul aria-label="Tags" className="flex flex-wrap gap-1.5">
      {tags.map((tag) => (
        <li
          key={tag}
          className="rounded-full bg-slate-100 px-2.5 py-0.5 text-xs font-medium text-slate-700 dark:bg-slate-800 dark:text-slate-300"
        >
          {tag}
        </li>
      ))}
    </ul>
  );
}
