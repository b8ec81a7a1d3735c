"use client";
// The one Link button: asks the server for a link token, opens Plaid's Link (or the emulator's
// stand-in), hands Link's public token back to the server, and shows progress and errors meanwhile.
// In update mode it repairs an existing connection instead of creating one.
import { useRouter } from "next/navigation";
import { useCallback, useState } from "react";
import {
  completeUpdateModeAction,
  createLinkTokenAction,
  exchangePublicTokenAction,
} from "@/app/(app)/accounts/plaid-actions";
import { LinkStandIn } from "./link-stand-in";
import type { LinkEnvironment, LinkOnExit, LinkOnSuccess } from "./link-types";
import { PlaidLinkLauncher } from "./plaid-link-launcher";

type Target = { mode: "create" } | { mode: "update"; connectionId: string };
type Conflict = { connectionId: string; institutionName: string };

const STYLES = {
  primary:
    "rounded-lg bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-500 disabled:opacity-60",
  secondary:
    "rounded-md border border-amber-400 bg-amber-50 px-2.5 py-1 text-xs font-medium text-amber-950 hover:bg-amber-100 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-500 disabled:opacity-60 dark:border-amber-400/40 dark:bg-amber-400/10 dark:text-amber-200 dark:hover:bg-amber-400/20",
} as const;

function formOf(fields: Record<string, string>): FormData {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) form.set(name, value);
  return form;
}

export function LinkButton({
  mode,
  connectionId,
  label,
  accessibleName,
  environment,
  variant = "primary",
}: {
  mode: "create" | "update";
  /** The connection update mode repairs. */
  connectionId?: string;
  label: string;
  /** When the visible label needs context ("Reconnect First Platypus Bank"). */
  accessibleName?: string;
  environment: LinkEnvironment;
  variant?: keyof typeof STYLES;
}) {
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  const [session, setSession] = useState<{ token: string; target: Target } | null>(null);
  const [progress, setProgress] = useState("");
  const [error, setError] = useState("");
  const [conflict, setConflict] = useState<Conflict | null>(null);

  async function start(target: Target) {
    setBusy(true);
    setError("");
    setConflict(null);
    setProgress("Opening Link…");
    const result = await createLinkTokenAction(
      {},
      formOf(target.mode === "update" ? { connectionId: target.connectionId } : {}),
    );
    setProgress("");
    if (!result.ok || !result.data) {
      setBusy(false);
      setError(result.message ?? "Link could not be opened. Try again.");
      return;
    }
    setSession({ token: result.data.linkToken, target });
  }

  const onSuccess: LinkOnSuccess = async (publicToken, metadata) => {
    const target = session?.target ?? { mode: "create" };
    setSession(null);
    const bank = metadata.institution?.name ?? "your bank";
    if (target.mode === "update") {
      setProgress(`Reconnecting ${bank}…`);
      const result = await completeUpdateModeAction({}, formOf({ connectionId: target.connectionId }));
      finish(result.ok ? (result.message ?? "") : null, result.message);
      return;
    }
    setProgress(`Linking ${bank}… Fetching accounts and balances…`);
    const result = await exchangePublicTokenAction(
      {},
      formOf({
        publicToken,
        metadata: JSON.stringify({ institution: metadata.institution, link_session_id: metadata.link_session_id }),
      }),
    );
    if (!result.ok && result.data && "existingConnectionId" in result.data) {
      setConflict({ connectionId: result.data.existingConnectionId, institutionName: result.data.institutionName });
    }
    const linked = result.ok && result.data && "accountCount" in result.data ? result.data : null;
    finish(
      linked ? `Linked ${linked.institutionName}: ${linked.accountCount} accounts.` : null,
      result.message ?? "Linking failed. Try again.",
    );
  };

  function finish(done: string | null, failure: string | undefined) {
    setBusy(false);
    setProgress(done ?? "");
    if (done === null) setError(failure ?? "Something went wrong. Try again.");
    else router.refresh();
  }

  const onExit: LinkOnExit = (linkError) => {
    setSession(null);
    setBusy(false);
    // Link already showed its error; repeat it here so it is still readable after Link closed.
    if (linkError) setError(linkError.display_message ?? "Link closed before your bank was connected.");
  };

  const onLoadError = useCallback(() => {
    setSession(null);
    setBusy(false);
    setError("Plaid Link could not be loaded. Check your connection and try again.");
  }, []);

  const target: Target = mode === "update" && connectionId ? { mode, connectionId } : { mode: "create" };
  return (
    <div className="flex flex-col items-start gap-2">
      <button
        type="button"
        onClick={() => start(target)}
        disabled={busy}
        aria-label={accessibleName}
        className={STYLES[variant]}
      >
        {label}
      </button>
      <p
        role="status"
        aria-live="polite"
        className="flex items-center gap-2 text-sm text-slate-700 empty:hidden dark:text-slate-300"
      >
        {progress && busy ? (
          <span
            aria-hidden="true"
            className="size-3.5 rounded-full border-2 border-slate-300 border-t-brand-600 motion-safe:animate-spin"
          />
        ) : null}
        {progress}
      </p>
      <div role="alert" className="max-w-md space-y-2 text-sm text-red-700 empty:hidden dark:text-red-400">
        {error ? <p>{error}</p> : null}
        {conflict ? (
          <button
            type="button"
            onClick={() => start({ mode: "update", connectionId: conflict.connectionId })}
            className={STYLES.secondary}
          >
            Reconnect {conflict.institutionName} instead
          </button>
        ) : null}
      </div>
      {session && environment.emulated ? (
        <LinkStandIn
          linkToken={session.token}
          emulatorUrl={environment.emulatorUrl}
          onSuccess={onSuccess}
          onExit={onExit}
        />
      ) : null}
      {session && !environment.emulated ? (
        <PlaidLinkLauncher token={session.token} onSuccess={onSuccess} onExit={onExit} onLoadError={onLoadError} />
      ) : null}
    </div>
  );
}
