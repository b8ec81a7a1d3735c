import Link from "next/link";

const FEATURES = [
  {
    title: "Every bank, one list",
    body: "Link accounts at any institution Plaid supports and see checking, savings, cards, loans and investments together, with your net worth on top.",
  },
  {
    title: "Balance history",
    body: "Each account keeps a daily history of its current and available balances, so you can see where the money went over a month or a year.",
  },
  {
    title: "Yours to arrange",
    body: "Give accounts your own names, colours and icons, hide the ones you don't care about, and set alerts account by account or once for all.",
  },
];

export default function HomePage() {
  return (
    <div className="space-y-12">
      <section className="max-w-2xl space-y-4 pt-6">
        <h1 className="text-4xl font-semibold tracking-tight sm:text-5xl">Every bank account in one place.</h1>
        <p className="text-lg text-slate-600 dark:text-slate-400">
          Mingus is an open-source hub for your bank accounts: link them through Plaid, watch their balances over time,
          and get told when something needs your attention.
        </p>
        <p>
          <Link
            href="/status"
            className="inline-flex items-center rounded-lg bg-brand-600 px-4 py-2 text-sm font-medium text-white shadow-sm hover:bg-brand-700 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-500"
          >
            Check system status
          </Link>
        </p>
      </section>
      <section aria-labelledby="features" className="space-y-4">
        <h2 id="features" className="sr-only">
          Features
        </h2>
        <ul className="grid gap-4 sm:grid-cols-3">
          {FEATURES.map((feature) => (
            <li key={feature.title} className="rounded-xl border border-slate-200 p-5 dark:border-slate-800">
              <h3 className="font-medium">{feature.title}</h3>
              <p className="mt-2 text-sm text-slate-600 dark:text-slate-400">{feature.body}</p>
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}
