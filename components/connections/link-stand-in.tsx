"use client";
// The local stand-in for Plaid Link, backed by the emulator's Link endpoints: a modal that walks
// through Link's panes and ends in onSuccess or onExit with Link's own metadata shapes, so the Link
// button treats it exactly as it treats Plaid's Link. Only ever shown when Plaid is emulated. An OAuth
// bank leaves the app for the bank's consent page; reopened on the return page with receivedRedirectUri,
// the stand-in finishes there. An invalid or expired link token exits at once, as Link does.
import { useEffect, useId, useRef, useState } from "react";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import type { LinkOnExit, LinkOnSuccess, PlaidLinkError, StandInInstitution } from "./link-types";
import {
  callStandIn,
  type StandInError,
  type StandInLogin,
  type StandInOAuthStart,
  type StandInSession,
} from "./stand-in-api";
import {
  AccountsPane,
  ConnectingPane,
  ConsentPane,
  CredentialsPane,
  InstitutionPane,
  SuccessPane,
  WaitingPane,
} from "./stand-in-panes";

type Step =
  | { name: "loading" }
  | { name: "consent" }
  | { name: "institutions" }
  | { name: "credentials"; error: StandInError | null }
  | { name: "connecting" }
  | { name: "accounts"; login: StandInLogin }
  | { name: "oauth"; bank: string }
  | { name: "returning" }
  | { name: "success"; login: StandInLogin }
  | { name: "failed"; error: StandInError };

// Link's onExit status: the pane the person left from.
const EXIT_STATUS: Record<Step["name"], string | null> = {
  loading: null,
  consent: null,
  institutions: "institution_not_found",
  credentials: "requires_credentials",
  connecting: "requires_credentials",
  accounts: "requires_account_selection",
  oauth: "requires_oauth",
  returning: "requires_oauth",
  success: null,
  failed: null,
};

const toLinkError = ({ error_type, error_code, error_message, display_message }: StandInError): PlaidLinkError => ({
  error_type,
  error_code,
  error_message,
  display_message,
});

/** After the bank let the person in: Link's account selection when it shows one, else success. */
function afterLogin(session: StandInSession, login: StandInLogin): Step {
  return session.account_selection && login.selectable_accounts
    ? { name: "accounts", login }
    : { name: "success", login };
}

export function LinkStandIn({
  linkToken,
  receivedRedirectUri,
  emulatorUrl,
  onSuccess,
  onExit,
}: {
  linkToken: string;
  /** Set on the OAuth return page: the URL the bank sent the person back to. */
  receivedRedirectUri?: string;
  emulatorUrl: string;
  onSuccess: LinkOnSuccess;
  onExit: LinkOnExit;
}) {
  const [step, setStep] = useState<Step>({ name: "loading" });
  const [session, setSession] = useState<StandInSession | null>(null);
  const [institution, setInstitution] = useState<StandInInstitution | null>(null);
  // Kept across a failed attempt, as Link does; the password never is.
  const [username, setUsername] = useState("");
  const lastError = useRef<StandInError | null>(null);
  const titleId = useId();

  // Kept in a ref so the session is fetched once per token, whatever the parent re-renders.
  const exitRef = useRef(onExit);
  exitRef.current = onExit;

  useEffect(() => {
    let stale = false;
    callStandIn<StandInSession>(emulatorUrl, "session", { link_token: linkToken }).then(async (result) => {
      if (stale) return;
      if (!result.ok) {
        lastError.current = result.error;
        // Link closes at once on a token it cannot use; the app gets a fresh one.
        if (result.error.error_code === "INVALID_LINK_TOKEN") {
          exitRef.current(toLinkError(result.error), {
            status: null,
            institution: null,
            link_session_id: "",
            request_id: result.error.request_id,
          });
          return;
        }
        setStep({ name: "failed", error: result.error });
        return;
      }
      setSession(result.data);
      // Update mode: the item's own institution, no picking.
      if (result.data.institution) setInstitution(result.data.institution);
      if (!receivedRedirectUri) {
        setStep({ name: "consent" });
        return;
      }
      setStep({ name: "returning" });
      const completed = await callStandIn<StandInLogin>(emulatorUrl, "oauth/complete", {
        link_token: linkToken,
        link_session_id: result.data.link_session_id,
        received_redirect_uri: receivedRedirectUri,
      });
      if (stale) return;
      lastError.current = completed.ok ? null : completed.error;
      if (completed.ok)
        setInstitution(
          (current) =>
            current ?? { ...completed.data.institution, oauth: true, logo: null, primary_color: null, url: null },
        );
      if (completed.ok) setStep(afterLogin(result.data, completed.data));
      else setStep({ name: "failed", error: completed.error });
    });
    return () => {
      stale = true;
    };
  }, [emulatorUrl, linkToken, receivedRedirectUri]);

  /** An OAuth bank: off to its consent page, which sends the person back to the app's redirect_uri. */
  async function goToBank(chosen: StandInInstitution) {
    if (!session) return;
    setStep({ name: "oauth", bank: chosen.name });
    const result = await callStandIn<StandInOAuthStart>(emulatorUrl, "oauth/start", {
      link_token: linkToken,
      link_session_id: session.link_session_id,
      institution_id: chosen.institution_id,
    });
    lastError.current = result.ok ? null : result.error;
    if (!result.ok) {
      setStep({ name: "failed", error: result.error });
      return;
    }
    window.location.assign(result.data.oauth_url);
  }

  /** After consent or a pick: the bank's own sign-in for OAuth banks, Link's credentials otherwise. */
  function signInAt(chosen: StandInInstitution) {
    if (chosen.oauth) void goToBank(chosen);
    else setStep({ name: "credentials", error: null });
  }

  function exit() {
    const error = lastError.current;
    onExit(error ? toLinkError(error) : null, {
      status: EXIT_STATUS[step.name],
      institution: institution ? { institution_id: institution.institution_id, name: institution.name } : null,
      link_session_id: session?.link_session_id ?? "",
      request_id: error?.request_id ?? "",
    });
  }

  async function logIn(chosen: StandInInstitution, credentials: { username: string; password: string }) {
    if (!session) return;
    setUsername(credentials.username);
    setStep({ name: "connecting" });
    const result = await callStandIn<StandInLogin>(emulatorUrl, "login", {
      link_token: linkToken,
      link_session_id: session.link_session_id,
      institution_id: chosen.institution_id,
      ...credentials,
    });
    lastError.current = result.ok ? null : result.error;
    setStep(result.ok ? afterLogin(session, result.data) : { name: "credentials", error: result.error });
  }

  async function selectAccounts(login: StandInLogin, accountIds: string[]) {
    if (!session) return;
    setStep({ name: "connecting" });
    const result = await callStandIn<StandInLogin>(emulatorUrl, "accounts/select", {
      link_token: linkToken,
      link_session_id: session.link_session_id,
      public_token: login.public_token,
      account_ids: accountIds,
    });
    lastError.current = result.ok ? null : result.error;
    // The login's public token is spent once the selection is sent: a failure can only be retried
    // by logging in again.
    setStep(result.ok ? { name: "success", login: result.data } : { name: "failed", error: result.error });
  }

  function finish(login: StandInLogin) {
    onSuccess(login.public_token, {
      institution: login.institution,
      accounts: login.accounts.map((account) => ({
        ...account,
        subtype: account.subtype ?? "",
        class_type: null,
      })),
      link_session_id: login.link_session_id,
      transfer_status: null,
      public_token: login.public_token,
    });
  }

  const update = session?.mode === "update";
  let pane: React.ReactNode;
  switch (step.name) {
    case "loading":
      pane = (
        <p id={titleId} role="status" className="py-10 text-center text-sm text-slate-600 dark:text-slate-400">
          Opening Link…
        </p>
      );
      break;
    case "consent":
      pane = (
        <ConsentPane
          titleId={titleId}
          institution={update ? institution : null}
          onContinue={() => (institution ? signInAt(institution) : setStep({ name: "institutions" }))}
        />
      );
      break;
    case "institutions":
      pane = (
        <InstitutionPane
          titleId={titleId}
          emulatorUrl={emulatorUrl}
          linkToken={linkToken}
          onPick={(picked) => {
            setInstitution(picked);
            signInAt(picked);
          }}
        />
      );
      break;
    case "credentials":
      pane = institution ? (
        <CredentialsPane
          titleId={titleId}
          institution={institution}
          error={step.error}
          username={username}
          onSubmit={(credentials) => logIn(institution, credentials)}
          onBack={
            update
              ? null
              : () => {
                  lastError.current = null;
                  setStep({ name: "institutions" });
                }
          }
        />
      ) : null;
      break;
    case "connecting":
      pane = institution ? <ConnectingPane titleId={titleId} institution={institution} /> : null;
      break;
    case "accounts":
      pane = (
        <AccountsPane
          titleId={titleId}
          institution={step.login.institution}
          accounts={step.login.selectable_accounts ?? []}
          onSubmit={(accountIds) => selectAccounts(step.login, accountIds)}
        />
      );
      break;
    case "oauth":
      pane = (
        <WaitingPane
          titleId={titleId}
          title={`Taking you to ${step.bank}…`}
          note="You will sign in on your bank's own site, then come back here."
        />
      );
      break;
    case "returning":
      pane = (
        <WaitingPane titleId={titleId} title="Finishing with your bank…" note="This usually takes a few seconds." />
      );
      break;
    case "success":
      pane = <SuccessPane titleId={titleId} login={step.login} update={update} onContinue={() => finish(step.login)} />;
      break;
    case "failed":
      pane = (
        <div className="space-y-4">
          <h2 id={titleId} className="text-xl font-semibold tracking-tight">
            Something went wrong
          </h2>
          <p role="alert" className="text-sm text-red-800 dark:text-red-300">
            {step.error.display_message ?? step.error.error_message}
          </p>
          <Button variant="plaid" size="lg" wide onClick={exit}>
            Exit
          </Button>
        </div>
      );
      break;
  }

  return (
    <Dialog open onCancel={exit} labelledBy={titleId} className="max-w-md">
      <div data-testid="plaid-link-stand-in">
        <p className="bg-amber-100 px-4 py-1.5 text-center text-xs font-medium text-amber-900 dark:bg-amber-400/15 dark:text-amber-200">
          Sandbox — local Plaid emulator
        </p>
        <div className="flex items-center justify-between px-5 pt-3">
          <span className="text-xs font-semibold tracking-widest text-slate-500 uppercase dark:text-slate-400">
            Plaid Link
          </span>
          <button
            type="button"
            onClick={exit}
            aria-label="Close"
            className="grid size-8 place-items-center rounded-full text-slate-500 hover:bg-slate-100 focus-visible:outline-2 focus-visible:outline-brand-500 dark:text-slate-400 dark:hover:bg-slate-800"
          >
            <svg
              aria-hidden="true"
              viewBox="0 0 20 20"
              className="size-4"
              fill="none"
              stroke="currentColor"
              strokeWidth="2"
            >
              <path d="m5 5 10 10M15 5 5 15" strokeLinecap="round" />
            </svg>
          </button>
        </div>
        <div className="px-5 pt-2 pb-6 sm:px-7">{pane}</div>
      </div>
    </Dialog>
  );
}
