const POINTS = [
  "Link accounts at any institution Plaid supports and see them together, with your net worth on top.",
  "A daily history of every balance, so you can see where the money went over a month or a year.",
  "Your own names, colours and alerts, account by account or once for all.",
];

export default function AuthLayout({ children }: { children: React.ReactNode }) {
  return (
    <div className="grid gap-12 py-4 lg:grid-cols-2 lg:py-12">
      <section className="space-y-4">
        <h1 className="text-3xl font-semibold tracking-tight sm:text-4xl">Every bank account in one place.</h1>
        <p className="text-slate-600 dark:text-slate-400">
          Mingus is an open-source hub for your bank accounts: link them through Plaid, watch their balances over time,
          and get told when something needs your attention.
        </p>
        <ul className="list-disc space-y-2 pl-5 text-sm text-slate-600 dark:text-slate-400">
          {POINTS.map((point) => (
            <li key={point}>{point}</li>
          ))}
        </ul>
      </section>
      <section className="w-full max-w-md rounded-2xl border border-slate-200 p-6 shadow-sm lg:justify-self-end dark:border-slate-800">
        {children}
      </section>
    </div>
  );
}
