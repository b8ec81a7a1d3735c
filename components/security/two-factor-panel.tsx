"use client";
// Settings → Security's "Two-factor sign-in": set up an authenticator app (scan the QR code or type the
// key, then a code from the app and the password), see the ten recovery codes once, make new ones, or
// turn it off (the password and a code).
import { useActionState } from "react";
import { SecondFactorField } from "@/components/auth/second-factor-field";
import type { FormAction } from "@/components/form-action";
import { Button, type ButtonVariant } from "@/components/ui/button";
import { TextField } from "@/components/ui/field";
import { Panel } from "@/components/ui/panel";
import type { ActionState } from "@/lib/auth/action";
import { CurrentPasswordField } from "./current-password-field";
import { StatusLine } from "./status-line";

type CodesAction = FormAction<{ recoveryCodes: string[] }>;

export interface TwoFactorView {
  enabled: boolean;
  enabledOn: string | null;
  recoveryCodesLeft: number;
  /** While an app is being set up: the QR code (its size in modules and an SVG path) and the key as text. */
  setup: { qr: { size: number; path: string }; key: string } | null;
}

function RecoveryCodes({ codes }: { codes: string[] }) {
  function download() {
    const text = `Mingus recovery codes (each works once)\n\n${codes.join("\n")}\n`;
    const url = URL.createObjectURL(new Blob([text], { type: "text/plain" }));
    const link = document.createElement("a");
    link.href = url;
    link.download = "mingus-recovery-codes.txt";
    link.click();
    URL.revokeObjectURL(url);
  }
  return (
    <div className="space-y-3 rounded-lg border border-amber-300 bg-amber-50 p-4 dark:border-amber-700 dark:bg-amber-950">
      <h3 className="text-sm font-semibold">Your recovery codes</h3>
      <p className="text-sm">
        Keep these somewhere safe, away from your phone. Each one signs you in once if you lose your authenticator app.
        They are shown only now.
      </p>
      <ul aria-label="Recovery codes" className="grid grid-cols-1 gap-1 font-mono text-sm sm:grid-cols-2">
        {codes.map((code) => (
          <li key={code}>{code}</li>
        ))}
      </ul>
      <Button type="button" variant="secondary" size="sm" onClick={download}>
        Download as a text file
      </Button>
    </div>
  );
}

/**
 * A change to a second factor that is on: a titled form asking for the password (when the account has
 * one) and a code, as "New recovery codes" and "Turn off" both do.
 */
function GuardedForm({
  id,
  title,
  action,
  state,
  pending,
  hasPassword,
  button,
}: {
  id: string;
  title: string;
  action: (formData: FormData) => void;
  state: ActionState<unknown>;
  pending: boolean;
  hasPassword: boolean;
  button: { label: string; pendingLabel: string; variant: ButtonVariant };
}) {
  return (
    <form action={action} className="max-w-md space-y-4" aria-labelledby={`${id}-heading`}>
      <h3 id={`${id}-heading`} className="text-sm font-semibold">
        {title}
      </h3>
      {hasPassword ? (
        <CurrentPasswordField id={`${id}-current-password`} errors={state.errors?.currentPassword} />
      ) : null}
      <SecondFactorField id={`${id}-code`} errors={state.errors?.code} />
      <StatusLine ok={state.ok} message={state.message} />
      <Button type="submit" variant={button.variant} disabled={pending}>
        {pending ? button.pendingLabel : button.label}
      </Button>
    </form>
  );
}

export function TwoFactorPanel({
  view,
  hasPassword,
  adminRequired,
  actions,
}: {
  view: TwoFactorView;
  /** False for an account that signs in with GitHub or Google only: no password to ask for. */
  hasPassword: boolean;
  /** REQUIRE_ADMIN_2FA is on and this admin has no second factor yet. */
  adminRequired: boolean;
  actions: { begin: FormAction; confirm: CodesAction; renew: CodesAction; disable: FormAction };
}) {
  const [beginState, begin, beginning] = useActionState(actions.begin, {});
  const [confirmState, confirm, confirming] = useActionState(actions.confirm, {});
  const [renewState, renew, renewing] = useActionState(actions.renew, {});
  const [disableState, disable, disabling] = useActionState(actions.disable, {});
  const codes = renewState.data?.recoveryCodes ?? (view.enabled ? confirmState.data?.recoveryCodes : undefined);
  const password = (id: string, errors?: string[]) =>
    hasPassword ? <CurrentPasswordField id={id} errors={errors} /> : null;

  return (
    <Panel
      id="two-factor"
      title="Two-factor sign-in"
      description="A code from an authenticator app on your phone, asked for after your password, so a stolen password alone does not open your account."
    >
      {adminRequired ? (
        <p role="status" className="text-sm font-medium text-amber-800 dark:text-amber-300">
          This server asks admins to set up two-factor sign-in before the admin pages open.
        </p>
      ) : null}
      {view.enabled ? (
        <div className="space-y-6">
          <p className="text-sm">
            <span className="font-medium">On</span> since {view.enabledOn}, with an authenticator app.{" "}
            {view.recoveryCodesLeft} of 10 recovery codes left.
          </p>
          {confirmState.ok && !renewState.data ? <StatusLine ok message={confirmState.message} /> : null}
          {codes ? <RecoveryCodes codes={codes} /> : null}
          <GuardedForm
            id="renew"
            title="New recovery codes"
            action={renew}
            state={renewState}
            pending={renewing}
            hasPassword={hasPassword}
            button={{ label: "Make new recovery codes", pendingLabel: "Making…", variant: "secondary" }}
          />
          <GuardedForm
            id="disable"
            title="Turn off two-factor sign-in"
            action={disable}
            state={disableState}
            pending={disabling}
            hasPassword={hasPassword}
            button={{ label: "Turn off", pendingLabel: "Turning off…", variant: "danger" }}
          />
        </div>
      ) : view.setup ? (
        <div className="space-y-4">
          <ol className="list-decimal space-y-1 pl-5 text-sm">
            <li>Open an authenticator app (1Password, Bitwarden, Google Authenticator, Aegis…).</li>
            <li>Scan this QR code with it, or type the key below (this page shows them for 10 minutes).</li>
            <li>Type the 6-digit code the app then shows{hasPassword ? ", and your password" : ""}.</li>
          </ol>
          <p className="text-sm">Turning it on signs out every other browser signed in to your account.</p>
          <svg
            role="img"
            aria-label="QR code for your authenticator app"
            viewBox={`-4 -4 ${view.setup.qr.size + 8} ${view.setup.qr.size + 8}`}
            className="size-48 rounded bg-white"
            shapeRendering="crispEdges"
          >
            <path d={view.setup.qr.path} fill="#000" />
          </svg>
          <p className="text-sm">
            Key: <code className="font-mono break-all">{view.setup.key}</code>
          </p>
          <form action={confirm} className="max-w-md space-y-4">
            <TextField
              id="totp-code"
              label="Code from the app"
              name="code"
              inputMode="numeric"
              autoComplete="one-time-code"
              maxLength={7}
              required
              errors={confirmState.errors?.code}
            />
            {password("totp-current-password", confirmState.errors?.currentPassword)}
            <StatusLine ok={confirmState.ok} message={confirmState.message} />
            <Button type="submit" disabled={confirming}>
              {confirming ? "Checking…" : "Turn on"}
            </Button>
          </form>
        </div>
      ) : (
        <form action={begin} className="space-y-2">
          <StatusLine
            ok={beginState.message ? beginState.ok : disableState.ok}
            message={beginState.message ?? disableState.message}
          />
          <Button type="submit" disabled={beginning}>
            {beginning ? "Starting…" : "Set up an authenticator app"}
          </Button>
        </form>
      )}
    </Panel>
  );
}
