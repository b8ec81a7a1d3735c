// "Synced 3 hours ago", with the exact time on hover and in the machine-readable attribute.
import type { Display } from "@/lib/format/display";

export function SyncedAt({ value, display }: { value: Date | null; display: Display }) {
  if (!value) return <span>Never synced</span>;
  return (
    <span>
      Synced{" "}
      <time dateTime={value.toISOString()} title={display.dateTime(value)}>
        {display.relative(value)}
      </time>
    </span>
  );
}
