// What each kind of notification is called (its rule's label, from the registry) and the small icon
// beside it in the list; a kind without its own icon and tone gets the bell.

import { StrokeIcon } from "@/components/stroke-icon";
import { ruleOfKind } from "@/lib/notifications/rules/registry";

export function kindLabel(kind: string): string {
  return ruleOfKind(kind)?.label ?? "Alert";
}

const BELL = ["M6 8a6 6 0 0 1 12 0c0 7 3 9 3 9H3s3-2 3-9", "M10.3 21a1.94 1.94 0 0 0 3.4 0"];
const NEUTRAL = "bg-slate-100 text-slate-700 dark:bg-slate-800 dark:text-slate-200";

// Lucide-style 24px strokes: scales, a falling line, a receipt, a warning triangle, a broken link.
const ICON_PATHS: Record<string, string[]> = {
  balance_threshold: ["M12 3v18", "M5 7h14", "m5 7-3 6a3 3 0 0 0 6 0z", "m19 7-3 6a3 3 0 0 0 6 0z", "M8 21h8"],
  low_balance: ["M3 7l6 6 4-4 8 8", "M21 11v6h-6"],
  transaction: ["M6 3h12v18l-3-2-3 2-3-2-3 2z", "M9 8h6", "M9 12h6"],
  unusual_activity: [
    "M10.3 3.9 1.8 18a2 2 0 0 0 1.7 3h17a2 2 0 0 0 1.7-3L13.7 3.9a2 2 0 0 0-3.4 0",
    "M12 9v4",
    "M12 17h.01",
  ],
  reconnect_required: ["M9 17H7A5 5 0 0 1 7 7h2", "M15 7h2a5 5 0 0 1 4 8", "M8 12h3", "m2 2 20 20"],
  connection_expiring: ["M12 7v5l3 2", "M21 12a9 9 0 1 1-9-9"],
};

const TONES: Record<string, string> = {
  balance_threshold: "bg-brand-50 text-brand-700 dark:bg-brand-700/20 dark:text-brand-100",
  low_balance: "bg-amber-50 text-amber-700 dark:bg-amber-500/15 dark:text-amber-300",
  transaction: "bg-slate-100 text-slate-700 dark:bg-slate-800 dark:text-slate-200",
  unusual_activity: "bg-red-50 text-red-700 dark:bg-red-500/15 dark:text-red-300",
  reconnect_required: "bg-violet-50 text-violet-700 dark:bg-violet-500/15 dark:text-violet-300",
  connection_expiring: "bg-amber-50 text-amber-700 dark:bg-amber-500/15 dark:text-amber-300",
};

export function KindIcon({ kind }: { kind: string }) {
  return (
    <span
      aria-hidden="true"
      className={`grid size-9 shrink-0 place-items-center rounded-full ${TONES[kind] ?? NEUTRAL}`}
    >
      <StrokeIcon className="size-4.5">
        {(ICON_PATHS[kind] ?? BELL).map((d) => (
          <path key={d} d={d} />
        ))}
      </StrokeIcon>
    </span>
  );
}
