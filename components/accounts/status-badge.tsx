// A small coloured label for a connection's or an account's state: needs reconnect, syncing, error.
const TONES = {
  warning:
    "bg-amber-100 text-amber-900 ring-amber-600/20 dark:bg-amber-400/10 dark:text-amber-300 dark:ring-amber-400/30",
  info: "bg-sky-100 text-sky-900 ring-sky-600/20 dark:bg-sky-400/10 dark:text-sky-300 dark:ring-sky-400/30",
  error: "bg-red-100 text-red-900 ring-red-600/20 dark:bg-red-400/10 dark:text-red-300 dark:ring-red-400/30",
} as const;

export function StatusBadge({ tone, children }: { tone: keyof typeof TONES; children: React.ReactNode }) {
  return (
    <span
      className={`inline-flex items-center gap-1 rounded-full px-2 py-0.5 text-xs font-medium whitespace-nowrap ring-1 ring-inset ${TONES[tone]}`}
    >
      {tone === "info" ? (
        // The dot pulses only for people who have not asked for reduced motion.
        <span aria-hidden="true" className="size-1.5 rounded-full bg-current motion-safe:animate-pulse" />
      ) : null}
      {children}
    </span>
  );
}
