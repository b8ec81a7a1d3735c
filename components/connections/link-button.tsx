"use client";
// The one Link button: opens a Link session (use-link-flow) for a new bank, or in update mode to
// repair an existing connection, and shows its progress and errors beside it.
import { Button, type ButtonStyle } from "@/components/ui/button";
import type { LinkActions } from "./actions";
import { LinkSessionView } from "./link-session-view";
import type { LinkEnvironment } from "./link-types";
import type { LinkTarget } from "./pending-link";
import { useLinkFlow } from "./use-link-flow";

export function LinkButton({
  mode,
  connectionId,
  accountSelection = false,
  label,
  accessibleName,
  environment,
  actions,
  variant = "primary",
  size = "md",
}: {
  mode: "create" | "update";
  /** The connection update mode repairs. */
  connectionId?: string;
  /** Update mode with Link's account selection: add accounts opened since linking, or stop sharing some. */
  accountSelection?: boolean;
  label: string;
  /** When the visible label needs context ("Reconnect First Platypus Bank"). */
  accessibleName?: string;
  environment: LinkEnvironment;
  actions: LinkActions;
  variant?: ButtonStyle["variant"];
  size?: ButtonStyle["size"];
}) {
  const flow = useLinkFlow({ actions });
  const target: LinkTarget =
    mode === "update" && connectionId ? { mode, connectionId, accountSelection } : { mode: "create" };
  return (
    <div className="flex flex-col items-start gap-2">
      <Button
        variant={variant}
        size={size}
        onClick={() => flow.start(target)}
        disabled={flow.busy}
        aria-label={accessibleName}
      >
        {label}
      </Button>
      <LinkSessionView flow={flow} environment={environment} />
    </div>
  );
}
