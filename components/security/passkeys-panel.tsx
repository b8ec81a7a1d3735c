"use client";
// Settings → Security's "Passkeys": the person's passkeys, adding one (a name, the password, and a code
// when two-factor sign-in is on; then the browser's passkey prompt), and removing one.
import { type PublicKeyCredentialCreationOptionsJSON, startRegistration } from "@simplewebauthn/browser";
import { useActionState } from "react";
import { askPasskey, useWebAuthnSupport } from "@/components/auth/passkey-button";
import { SecondFactorField } from "@/components/auth/second-factor-field";
import { type FormAction, formOf } from "@/components/form-action";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/field";
import { Panel } from "@/components/ui/panel";
import type { ActionState } from "@/lib/auth/action";
import { CurrentPasswordField } from "./current-password-field";
import { StatusLine } from "./status-line";

export interface PasskeyRow {
  id: string;
  name: string;
  added: string;
  lastUsed: string | null;
  synced: boolean;
}

function RemovePasskey({
  passkey,
  hasPassword,
  remove,
}: {
  passkey: PasskeyRow;
  hasPassword: boolean;
  remove: FormAction;
}) {
  const [state, action, pending] = useActionState(remove, {});
  const id = `passkey-${passkey.id}`;
  return (
    <details className="group">
      <summary className="inline-flex min-h-8 cursor-pointer items-center rounded-lg px-3 py-1.5 text-sm font-medium text-red-700 hover:bg-red-50 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-red-500 dark:text-red-400 dark:hover:bg-red-950">
        Remove<span className="sr-only"> passkey “{passkey.name}”</span>
      </summary>
      <form action={action} className="mt-3 max-w-md space-y-3" aria-label={`Remove passkey “${passkey.name}”`}>
        <input type="hidden" name="passkeyId" value={passkey.id} />
        {hasPassword ? (
          <CurrentPasswordField id={`${id}-current-password`} errors={state.errors?.currentPassword} />
        ) : null}
        <StatusLine ok={state.ok} message={state.message} />
        <Button type="submit" variant="danger" size="sm" disabled={pending}>
          {pending ? "Removing…" : "Remove this passkey"}
        </Button>
      </form>
    </details>
  );
}

export function PasskeysPanel({
  passkeys,
  hasPassword,
  twoFactor,
  available,
  actions,
}: {
  passkeys: PasskeyRow[];
  hasPassword: boolean;
  /** Two-factor sign-in is on: adding a passkey asks for a code too. */
  twoFactor: boolean;
  /** False when this server's address is an IP address, where browsers refuse passkeys. */
  available: boolean;
  actions: {
    begin: FormAction<{ options: PublicKeyCredentialCreationOptionsJSON }>;
    finish: FormAction;
    remove: FormAction;
  };
}) {
  const supported = useWebAuthnSupport();
  const [state, add, adding] = useActionState(
    async (previous: ActionState, formData: FormData): Promise<ActionState> => {
      const begun = await actions.begin(
        previous as ActionState<{ options: PublicKeyCredentialCreationOptionsJSON }>,
        formData,
      );
      if (!begun.data) return { ok: begun.ok, message: begun.message, errors: begun.errors };
      const options = begun.data.options;
      const prompt = await askPasskey(() => startRegistration({ optionsJSON: options }));
      if ("problem" in prompt) return { message: prompt.problem };
      return actions.finish({}, formOf({ response: JSON.stringify(prompt.answer) }));
    },
    {},
  );

  return (
    <Panel
      id="passkeys"
      title="Passkeys"
      description={`Sign in with your device's fingerprint, face or PIN instead of a password${twoFactor ? ", or use one in place of your authenticator app's code" : ""}. A passkey cannot be phished: it works only on this site.`}
    >
      <div className="space-y-6">
        {passkeys.length > 0 ? (
          <ul aria-label="Your passkeys" className="divide-y divide-slate-200 dark:divide-slate-800">
            {passkeys.map((passkey) => (
              <li key={passkey.id} className="flex flex-wrap items-start justify-between gap-2 py-3">
                <div className="min-w-0 text-sm">
                  <p className="font-medium break-words">
                    {passkey.name} {passkey.synced ? <Badge tone="muted">Synced</Badge> : null}
                  </p>
                  <p className="text-slate-600 dark:text-slate-400">
                    Added {passkey.added} · {passkey.lastUsed ? `last used ${passkey.lastUsed}` : "not used yet"}
                  </p>
                </div>
                <RemovePasskey passkey={passkey} hasPassword={hasPassword} remove={actions.remove} />
              </li>
            ))}
          </ul>
        ) : (
          <p className="text-sm text-slate-700 dark:text-slate-300">No passkeys yet.</p>
        )}
        {!available ? (
          <p className="text-sm text-slate-700 dark:text-slate-300">
            Passkeys need Mingus at a domain name, and this server is reached at an IP address. Whoever runs it can set
            APP_URL (or PASSKEY_ORIGIN) to a name.
          </p>
        ) : !supported ? (
          <p className="text-sm text-slate-700 dark:text-slate-300">This browser cannot make passkeys.</p>
        ) : (
          <form action={add} className="max-w-md space-y-4" aria-labelledby="add-passkey-heading">
            <h3 id="add-passkey-heading" className="text-sm font-semibold">
              Add a passkey
            </h3>
            <TextField
              id="passkey-name"
              label="Name"
              name="name"
              maxLength={64}
              required
              hint="Which device or password manager holds it, e.g. “Work laptop”."
              errors={state.errors?.name}
            />
            {hasPassword ? (
              <CurrentPasswordField id="passkey-current-password" errors={state.errors?.currentPassword} />
            ) : null}
            {twoFactor ? <SecondFactorField id="passkey-code" errors={state.errors?.code} /> : null}
            <StatusLine ok={state.ok} message={state.message} />
            <Button type="submit" disabled={adding}>
              {adding ? "Waiting for your passkey…" : "Add a passkey"}
            </Button>
          </form>
        )}
      </div>
    </Panel>
  );
}
