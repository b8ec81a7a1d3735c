// A bordered list of terms and their values (the account's details, a card's or loan's terms); a term
// without a value (null or empty) is left out rather than shown empty.
export type Term = { label: string; value: React.ReactNode };

export function TermList({ terms }: { terms: Term[] }) {
  return (
    <dl className="divide-y divide-slate-200 rounded-xl border border-slate-200 text-sm dark:divide-slate-800 dark:border-slate-800">
      {terms
        .filter(({ value }) => value !== null && value !== "")
        .map(({ label, value }) => (
          <div key={label} className="grid gap-1 px-4 py-2.5 sm:grid-cols-3 sm:gap-4">
            <dt className="font-medium text-slate-600 dark:text-slate-400">{label}</dt>
            <dd className="break-words sm:col-span-2">{value}</dd>
          </div>
        ))}
    </dl>
  );
}
