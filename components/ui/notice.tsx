// A one-line message a page opens with after something happened elsewhere (a session ended, a mailed
// link opened): announced politely, coloured by whether it went well.
const TONES = {
  success:
    "border-emerald-300 bg-emerald-50 text-emerald-900 dark:border-emerald-700 dark:bg-emerald-950 dark:text-emerald-100",
  warning: "border-amber-300 bg-amber-50 text-amber-900 dark:border-amber-700 dark:bg-amber-950 dark:text-amber-100",
} as const;

export type NoticeTone = keyof typeof TONES;

export function Notice({ tone, children }: { tone: NoticeTone; children: React.ReactNode }) {
  return (
    <p role="status" className={`rounded-md border px-3 py-2 text-sm ${TONES[tone]}`}>
      {children}
    </p>
  );
}
