// What a person with no linked bank sees instead of the dashboard: an invitation and the Link button.
import { LinkButton } from "@/components/plaid/link-button";
import type { LinkEnvironment } from "@/lib/plaid/link-environment";

export function EmptyState({ linkEnvironment }: { linkEnvironment: LinkEnvironment }) {
  return (
    <section
      aria-labelledby="empty-heading"
      className="rounded-xl border border-dashed border-slate-300 px-6 py-12 text-center dark:border-slate-700"
    >
      <svg
        aria-hidden="true"
        viewBox="0 0 24 24"
        fill="none"
        stroke="currentColor"
        strokeWidth="1.5"
        strokeLinecap="round"
        strokeLinejoin="round"
        className="mx-auto size-10 text-slate-400 dark:text-slate-500"
      >
        <path d="M3 10 12 4l9 6M5 10v8m4.67-8v8m4.66-8v8M19 10v8M3 20h18" />
      </svg>
      <h2 id="empty-heading" className="mt-4 text-lg font-semibold">
        No banks linked yet
      </h2>
      <p className="mx-auto mt-2 max-w-md text-sm text-slate-600 dark:text-slate-400">
        Link your first bank to see every account, its balance and how it changes over time, all in one place.
      </p>
      <div className="mt-6 flex justify-center">
        <LinkButton mode="create" label="Link a bank" environment={linkEnvironment} />
      </div>
    </section>
  );
}
