"use client";
// One Link session from token to result, shared by the Link button and the OAuth return page: asks the
// server for a link token, keeps it for an OAuth bank's return, hands Link's public token back to the
// server (a new connection, or a repaired one), and reports progress and errors. An invalid or expired
// link token is replaced once, silently; any other Link error shows Plaid's display_message.
import { useRouter } from "next/navigation";
import { useCallback, useRef, useState } from "react";
import { formOf } from "@/components/form-action";
import type { LinkActions } from "./actions";
import { useInstitutionTrouble } from "./institution-trouble";
import type { LinkOnExit, LinkOnSuccess, PlaidLinkError } from "./link-types";
import { clearPendingLink, type LinkTarget, savePendingLink, targetFields } from "./pending-link";

export type LinkSession = { token: string; target: LinkTarget; receivedRedirectUri?: string };
type Conflict = { connectionId: string; institutionName: string };

// Plaid: an expired token and an unknown one both come back as INVALID_LINK_TOKEN.
const REPLACEABLE = new Set(["INVALID_LINK_TOKEN"]);

export const LINK_EXIT_FALLBACK = "Link closed before your bank was connected. Try again.";

export function linkErrorMessage(error: Pick<PlaidLinkError, "display_message" | "error_message">): string {
  return error.display_message || LINK_EXIT_FALLBACK;
}

export function useLinkFlow({ actions, onLinked }: { actions: LinkActions; onLinked?: () => void }) {
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  const [session, setSession] = useState<LinkSession | null>(null);
  const [progress, setProgress] = useState("");
  const [error, setError] = useState("");
  const [conflict, setConflict] = useState<Conflict | null>(null);
  // Whether this attempt already replaced its token: one replacement, never a loop.
  const replaced = useRef(false);
  // Whether the bank itself is having trouble, asked when Link exits with an error.
  const institutionTrouble = useInstitutionTrouble(actions.institutionTrouble);

  const open = useCallback(
    async (target: LinkTarget, { retry = false }: { retry?: boolean } = {}) => {
      if (!retry) replaced.current = false;
      setBusy(true);
      setError("");
      setConflict(null);
      setProgress("Opening Link…");
      const result = await actions.createLinkToken({}, formOf(targetFields(target)));
      setProgress("");
      if (!result.ok || !result.data) {
        setBusy(false);
        setError(result.message ?? "Link could not be opened. Try again.");
        return;
      }
      // Before Link opens: an OAuth bank sends the person away, and /oauth-return reopens this token.
      savePendingLink({ linkToken: result.data.linkToken, target, startedAt: Date.now() });
      setSession({ token: result.data.linkToken, target });
    },
    [actions],
  );

  const start = useCallback((target: LinkTarget) => open(target), [open]);

  /** Reopens Link on the OAuth return page with the stored token and the bank's redirect. */
  const resume = useCallback((resumed: LinkSession) => {
    replaced.current = true; // the bank's state belongs to this token: a new one cannot finish it
    setBusy(true);
    setError("");
    setSession(resumed);
  }, []);

  function finish(done: string | null, failure: string | undefined) {
    setBusy(false);
    setProgress(done ?? "");
    if (done === null) {
      setError(failure ?? "Something went wrong. Try again.");
      return;
    }
    router.refresh();
    onLinked?.();
  }

  const onSuccess: LinkOnSuccess = async (publicToken, metadata) => {
    const target = session?.target ?? { mode: "create" };
    setSession(null);
    clearPendingLink();
    const bank = metadata.institution?.name ?? "your bank";
    if (target.mode === "update") {
      setProgress(`Reconnecting ${bank}…`);
      const result = await actions.completeUpdateMode({}, formOf(targetFields(target)));
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

  const onExit: LinkOnExit = (linkError, metadata) => {
    const target = session?.target ?? null;
    setSession(null);
    clearPendingLink();
    if (linkError && REPLACEABLE.has(linkError.error_code) && target && !replaced.current) {
      replaced.current = true;
      void open(target, { retry: true });
      return;
    }
    setBusy(false);
    // Link already showed its error; repeat it here so it is still readable after Link closed.
    if (linkError) setError(linkErrorMessage(linkError));
    void institutionTrouble.check(linkError, metadata);
  };

  const onLoadError = useCallback(() => {
    setSession(null);
    setBusy(false);
    setError("Plaid Link could not be loaded. Check your connection and try again.");
  }, []);

  return {
    busy,
    session,
    progress,
    error,
    conflict,
    trouble: institutionTrouble.trouble,
    start,
    resume,
    onSuccess,
    onExit,
    onLoadError,
    setError,
  };
}
