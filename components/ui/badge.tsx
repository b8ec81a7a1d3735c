// A small coloured label for a state (healthy, syncing, needs reconnect, pending). Every tone keeps its
// words at 4.5:1 or better on its own background, light and dark; the colour is never the only signal.
const TONES = {
  ok: "bg-emerald-100 text-emerald-900 ring-emerald-600/20 dark:bg-emerald-400/10 dark:text-emerald-300 dark:ring-emerald-400/30",
  warning:
    "bg-amber-100 text-amber-900 ring-amber-600/20 dark:bg-amber-400/10 dark:text-amber-300 dark:ring-amber-400/30",
  error: "bg-red-100 text-red-900 ring-red-600/20 dark:bg-red-400/10 dark:text-red-300 dark:ring-red-400/30",
  info: "bg-sky-100 text-sky-900 ring-sky-600/20 dark:bg-sky-400/10 dark:text-sky-300 dark:ring-sky-400/30",
  muted:
    "bg-slate-100 text-slate-700 ring-slate-500/20 dark:bg-slate-400/10 dark:text-slate-300 dark:ring-slate-400/30",
  brand: "bg-brand-50 text-brand-700 ring-brand-600/20 dark:bg-brand-700/30 dark:text-brand-100 dark:ring-brand-500/30",
  // Stands out in a list (Unread).
  strong: "bg-brand-600 text-white ring-brand-600",
} as const;

export type BadgeTone = keyof typeof TONES;

export function Badge({
  tone,
  pulse = false,
  children,
}: {
  tone: BadgeTone;
  /** A dot that pulses: something is going on (a sync running). */
  pulse?: boolean;
  children: React.ReactNode;
}) {
  return (
    <span
      className={`inline-flex items-center gap-1 rounded-full px-2 py-0.5 text-xs font-medium whitespace-nowrap ring-1 ring-inset ${TONES[tone]}`}
    >
      {pulse ? (
        // The dot pulses only for people who have not asked for reduced motion.
        <span aria-hidden="true" className="size-1.5 rounded-full bg-current motion-safe:animate-pulse" />
      ) : null}
      {children}
    </span>
  );
}
