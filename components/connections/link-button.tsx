"use client";
// The one Link button: asks the server for a link token, opens Plaid's Link (or the emulator's
// stand-in), hands Link's public token back to the server, and shows progress and errors meanwhile.
// In update mode it repairs an existing connection instead of creating one.
import { useRouter } from "next/navigation";
import { useCallback, useState } from "react";
import { formOf } from "@/components/form-action";
import { Button, type ButtonStyle } from "@/components/ui/button";
import type { LinkActions } from "./actions";
import { InstitutionTroubleNotice, useInstitutionTrouble } from "./institution-trouble";
import { LinkStandIn } from "./link-stand-in";
import type { LinkEnvironment, LinkOnExit, LinkOnSuccess } from "./link-types";
import { PlaidLinkLauncher } from "./plaid-link-launcher";

type Target = { mode: "create" } | { mode: "update"; connectionId: string; accountSelection?: boolean };
type Conflict = { connectionId: string; institutionName: string };

/** The form fields that name update mode's connection (and its account selection) to the server. */
function updateFields(target: Target): Record<string, string> {
  if (target.mode === "create") return {};
  return { connectionId: target.connectionId, ...(target.accountSelection ? { accountSelection: "on" } : {}) };
}

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
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  const [session, setSession] = useState<{ token: string; target: Target } | null>(null);
  const [progress, setProgress] = useState("");
  const [error, setError] = useState("");
  const [conflict, setConflict] = useState<Conflict | null>(null);
  const institutionTrouble = useInstitutionTrouble(actions.institutionTrouble);

  async function start(target: Target) {
    setBusy(true);
    setError("");
    setConflict(null);
    setProgress("Opening Link…");
    const result = await actions.createLinkToken({}, formOf(updateFields(target)));
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
      const result = await actions.completeUpdateMode({}, formOf(updateFields(target)));
      finish(result.ok ? (result.message ?? "") : null, result.message);
      return;
    }
    setProgress(`Linking ${bank}… Fetching accounts and balances…`);
    const result = await actions.exchangePublicToken(
      {},
      formOf({
        publicToken,
        metadata: JSON.stringify({
          institution: metadata.institution,
          // Names and masks only: enough to recognise accounts linked already.
          accounts: metadata.accounts.map(({ name, mask }) => ({ name, mask })),
          link_session_id: metadata.link_session_id,
        }),
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

  const onExit: LinkOnExit = (linkError, metadata) => {
    setSession(null);
    setBusy(false);
    // Link already showed its error; repeat it here so it is still readable after Link closed.
    if (linkError) setError(linkError.display_message ?? "Link closed before your bank was connected.");
    void institutionTrouble.check(linkError, metadata);
  };

  const onLoadError = useCallback(() => {
    setSession(null);
    setBusy(false);
    setError("Plaid Link could not be loaded. Check your connection and try again.");
  }, []);

  const target: Target =
    mode === "update" && connectionId ? { mode, connectionId, accountSelection } : { mode: "create" };
  return (
    <div className="flex flex-col items-start gap-2">
      <Button variant={variant} size={size} onClick={() => start(target)} disabled={busy} aria-label={accessibleName}>
        {label}
      </Button>
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
        <InstitutionTroubleNotice message={error ? institutionTrouble.trouble : ""} />
        {conflict ? (
          <Button
            variant="attention"
            size="xs"
            onClick={() => start({ mode: "update", connectionId: conflict.connectionId })}
          >
            Reconnect {conflict.institutionName} instead
          </Button>
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
