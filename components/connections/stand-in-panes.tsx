"use client";
// The stand-in's panes, in Link's order: consent, institution search, credentials (or the hand-off to
// an OAuth bank), connecting, account selection, success. Each pane's heading carries the dialog's label id and takes focus when the pane appears.
import { useEffect, useId, useRef, useState } from "react";
import { Button } from "@/components/ui/button";
import { CHECKBOX_CLASS, Field } from "@/components/ui/field";
import { InstitutionMark } from "./institution-mark";
import type { StandInInstitution } from "./link-types";
import { callStandIn, type StandInError, type StandInLogin, type StandInSelectableAccount } from "./stand-in-api";

// Link's own taller fields, on the dialog's background in dark mode.
const INPUT =
  "block w-full rounded-lg border border-slate-300 bg-white px-3 py-2.5 text-sm shadow-sm focus:border-brand-500 focus:outline-2 focus:outline-brand-500 aria-invalid:border-red-500 dark:border-slate-700 dark:bg-slate-950";

function PaneHeading({ id, children, focus = true }: { id: string; children: React.ReactNode; focus?: boolean }) {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (focus) ref.current?.focus();
  }, [focus]);
  return (
    <h2 ref={ref} id={id} tabIndex={-1} className="text-xl font-semibold tracking-tight outline-none">
      {children}
    </h2>
  );
}

/** A pane that says something and moves on (consent, success): its heading, its content, then Continue. */
function ContinuePane({
  titleId,
  title,
  onContinue,
  className,
  children,
}: {
  titleId: string;
  title: string;
  onContinue: () => void;
  className: string;
  children: React.ReactNode;
}) {
  return (
    <div className={className}>
      <PaneHeading id={titleId}>{title}</PaneHeading>
      {children}
      <Button variant="plaid" size="lg" wide onClick={onContinue}>
        Continue
      </Button>
    </div>
  );
}

export function ConsentPane({
  titleId,
  institution,
  onContinue,
}: {
  titleId: string;
  /** Set in update mode: the bank being reconnected. */
  institution: StandInInstitution | null;
  onContinue: () => void;
}) {
  return (
    <ContinuePane
      titleId={titleId}
      title={institution ? `Reconnect to ${institution.name}` : "Mingus uses Plaid to connect your bank"}
      onContinue={onContinue}
      className="space-y-5"
    >
      <ul className="space-y-3 text-sm text-slate-600 dark:text-slate-300">
        <li>
          <strong className="block text-slate-900 dark:text-slate-100">Secure</strong>
          Encryption helps protect your personal financial data.
        </li>
        <li>
          <strong className="block text-slate-900 dark:text-slate-100">Private</strong>
          Your credentials will never be made accessible to Mingus.
        </li>
      </ul>
    </ContinuePane>
  );
}

export function InstitutionPane({
  titleId,
  emulatorUrl,
  linkToken,
  onPick,
}: {
  titleId: string;
  emulatorUrl: string;
  linkToken: string;
  onPick: (institution: StandInInstitution) => void;
}) {
  const [query, setQuery] = useState("");
  const [institutions, setInstitutions] = useState<StandInInstitution[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const searchId = useId();

  useEffect(() => {
    let stale = false;
    // A short pause while typing, so each keystroke does not become a request.
    const timer = setTimeout(async () => {
      const result = await callStandIn<{ institutions: StandInInstitution[] }>(emulatorUrl, "institutions", {
        link_token: linkToken,
        query,
      });
      if (stale) return;
      setError(result.ok ? null : (result.error.display_message ?? result.error.error_message));
      setInstitutions(result.ok ? result.data.institutions : []);
    }, 150);
    return () => {
      stale = true;
      clearTimeout(timer);
    };
  }, [emulatorUrl, linkToken, query]);

  return (
    <div className="space-y-4">
      <PaneHeading id={titleId}>Select your institution</PaneHeading>
      <Field id={searchId} label="Search institutions" validated={false}>
        {(control) => (
          <input
            {...control}
            type="search"
            value={query}
            onChange={(event) => setQuery(event.target.value)}
            autoComplete="off"
            className={INPUT}
          />
        )}
      </Field>
      <p role="alert" className="text-sm text-red-700 empty:hidden dark:text-red-400">
        {error}
      </p>
      <p role="status" className="sr-only">
        {institutions === null ? "Loading institutions…" : `${institutions.length} institutions`}
      </p>
      <ul aria-label="Institutions" className="max-h-80 space-y-1 overflow-y-auto">
        {(institutions ?? []).map((institution) => (
          <li key={institution.institution_id}>
            <button
              type="button"
              onClick={() => onPick(institution)}
              className="flex w-full items-center gap-3 rounded-lg px-2 py-2 text-left text-sm font-medium hover:bg-slate-100 focus-visible:outline-2 focus-visible:outline-brand-500 dark:hover:bg-slate-800"
              style={{ borderLeft: `4px solid ${institution.primary_color ?? "transparent"}` }}
            >
              <InstitutionMark institution={institution} />
              <span title={institution.name} className="min-w-0 flex-1 truncate">
                {institution.name}
              </span>
            </button>
          </li>
        ))}
      </ul>
      {institutions?.length === 0 && !error ? (
        <p className="text-sm text-slate-600 dark:text-slate-400">No institutions match “{query}”.</p>
      ) : null}
    </div>
  );
}

export function CredentialsPane({
  titleId,
  institution,
  error,
  username,
  onSubmit,
  onBack,
}: {
  titleId: string;
  institution: StandInInstitution;
  error: StandInError | null;
  /** The last username tried, so a wrong password only means typing the password again. */
  username: string;
  onSubmit: (credentials: { username: string; password: string }) => void;
  onBack: (() => void) | null;
}) {
  const usernameId = useId();
  const passwordId = useId();
  const errorId = useId();
  const hintId = useId();
  // One hint and one error for both fields: Link says which sign-in failed, not which field.
  const describedBy = [hintId, error ? errorId : null];
  return (
    <form
      className="space-y-4"
      onSubmit={(event) => {
        event.preventDefault();
        const form = new FormData(event.currentTarget);
        onSubmit({ username: String(form.get("username") ?? ""), password: String(form.get("password") ?? "") });
      }}
    >
      <div className="flex items-center gap-3">
        <InstitutionMark institution={institution} size="lg" />
        <PaneHeading id={titleId} focus={false}>
          Log in to {institution.name}
        </PaneHeading>
      </div>
      <p
        id={errorId}
        role="alert"
        className="rounded-lg bg-red-50 p-3 text-sm text-red-800 empty:hidden dark:bg-red-950/50 dark:text-red-300"
      >
        {error ? (error.display_message ?? error.error_message) : null}
      </p>
      <Field id={usernameId} label="Username" describedBy={describedBy} validated={false}>
        {(control) => (
          <input
            {...control}
            name="username"
            defaultValue={username}
            required
            autoComplete="off"
            // Focus lands here when the pane opens, and again after a failed attempt.
            // biome-ignore lint/a11y/noAutofocus: the first field of a dialog pane the person just opened.
            autoFocus={!username}
            aria-invalid={error ? true : undefined}
            className={INPUT}
          />
        )}
      </Field>
      <Field id={passwordId} label="Password" describedBy={describedBy} validated={false}>
        {(control) => (
          <input
            {...control}
            name="password"
            type="password"
            required
            // biome-ignore lint/a11y/noAutofocus: after a failed attempt the password is what to retype.
            autoFocus={Boolean(username)}
            autoComplete="off"
            aria-invalid={error ? true : undefined}
            className={INPUT}
          />
        )}
      </Field>
      <p id={hintId} className="text-xs text-slate-500 dark:text-slate-400">
        Sandbox: sign in with <code className="font-mono">user_good</code> /{" "}
        <code className="font-mono">pass_good</code>. A password of <code className="font-mono">error_ITEM_LOCKED</code>{" "}
        fails with that Plaid error.
      </p>
      <Button type="submit" variant="plaid" size="lg" wide>
        Submit
      </Button>
      {onBack ? (
        <Button variant="quiet" wide onClick={onBack}>
          Choose a different institution
        </Button>
      ) : null}
    </form>
  );
}

/** A pane that waits: a spinner, its heading and a line on what is happening. */
export function WaitingPane({ titleId, title, note }: { titleId: string; title: string; note: string }) {
  return (
    <div role="status" className="flex flex-col items-center gap-4 py-10 text-center">
      <span
        aria-hidden="true"
        className="size-10 rounded-full border-4 border-slate-200 border-t-slate-900 motion-safe:animate-spin dark:border-slate-700 dark:border-t-white"
      />
      <PaneHeading id={titleId}>{title}</PaneHeading>
      <p className="text-sm text-slate-600 dark:text-slate-400">{note}</p>
    </div>
  );
}

/** "checking •••• 0000": how Link names an account beside its name. */
function AccountKind({ account }: { account: { type: string; subtype: string | null; mask: string | null } }) {
  return (
    <span className="shrink-0 text-xs text-slate-500 dark:text-slate-400">
      {account.subtype ?? account.type}
      {account.mask ? ` •••• ${account.mask}` : ""}
    </span>
  );
}

/**
 * Link's account selection: the accounts the person shares with Mingus, those shared so far ticked.
 * In update mode it is how an account opened since linking is added, and one unticked stops syncing.
 */
export function AccountsPane({
  titleId,
  institution,
  accounts,
  onSubmit,
}: {
  titleId: string;
  institution: { name: string };
  accounts: StandInSelectableAccount[];
  onSubmit: (accountIds: string[]) => void;
}) {
  const [chosen, setChosen] = useState(() => new Set(accounts.filter((a) => a.shared).map((a) => a.id)));
  const errorId = useId();
  const toggle = (id: string, on: boolean) =>
    setChosen((current) => {
      const next = new Set(current);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });
  const nothing = chosen.size === 0;
  return (
    <form
      className="space-y-4"
      onSubmit={(event) => {
        event.preventDefault();
        if (!nothing) onSubmit(accounts.filter((account) => chosen.has(account.id)).map((account) => account.id));
      }}
    >
      <PaneHeading id={titleId}>Choose the {institution.name} accounts Mingus can see</PaneHeading>
      <p
        id={errorId}
        role="alert"
        className="rounded-lg bg-red-50 p-3 text-sm text-red-800 empty:hidden dark:bg-red-950/50 dark:text-red-300"
      >
        {nothing ? "Choose at least one account." : null}
      </p>
      <fieldset aria-describedby={errorId}>
        <legend className="sr-only">Accounts to share</legend>
        <ul className="max-h-72 divide-y divide-slate-100 overflow-y-auto rounded-lg border border-slate-200 text-sm dark:divide-slate-800 dark:border-slate-800">
          {accounts.map((account) => (
            <li key={account.id}>
              <label className="flex min-h-11 cursor-pointer items-center gap-3 px-3 py-2">
                <input
                  type="checkbox"
                  name="account"
                  value={account.id}
                  checked={chosen.has(account.id)}
                  onChange={(event) => toggle(account.id, event.target.checked)}
                  className={CHECKBOX_CLASS}
                />
                <span className="min-w-0 flex-1 break-words font-medium">{account.name}</span>
                <AccountKind account={account} />
              </label>
            </li>
          ))}
        </ul>
      </fieldset>
      <Button type="submit" variant="plaid" size="lg" wide disabled={nothing}>
        Continue
      </Button>
    </form>
  );
}

export function ConnectingPane({ titleId, institution }: { titleId: string; institution: StandInInstitution }) {
  return (
    <WaitingPane
      titleId={titleId}
      title={`Connecting to ${institution.name}…`}
      note="This usually takes a few seconds."
    />
  );
}

export function SuccessPane({
  titleId,
  login,
  update,
  onContinue,
}: {
  titleId: string;
  login: StandInLogin;
  update: boolean;
  onContinue: () => void;
}) {
  return (
    <ContinuePane titleId={titleId} title="Success" onContinue={onContinue} className="space-y-4">
      <p className="text-sm text-slate-600 dark:text-slate-300">
        {update
          ? `Your connection to ${login.institution.name} is repaired.`
          : `Your ${login.institution.name} accounts are linked to Mingus.`}
      </p>
      <ul
        aria-label="Linked accounts"
        className="divide-y divide-slate-100 rounded-lg border border-slate-200 text-sm dark:divide-slate-800 dark:border-slate-800"
      >
        {login.accounts.map((account) => (
          <li key={account.id} className="flex items-baseline justify-between gap-3 px-3 py-2">
            <span title={account.name} className="min-w-0 truncate font-medium">
              {account.name}
            </span>
            <AccountKind account={account} />
          </li>
        ))}
      </ul>
    </ContinuePane>
  );
}
