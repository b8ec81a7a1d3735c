"use client";
// Settings → Security's "Email address": the address, whether it is confirmed (email alerts wait until
// it is), a new confirmation link on request, and moving the account to another address, which needs
// the current password and takes effect when the link mailed there is opened.
import { useActionState } from "react";
import type { FormAction } from "@/components/form-action";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/field";
import { Panel } from "@/components/ui/panel";
import { CurrentPasswordField } from "./current-password-field";
import { StatusLine } from "./status-line";

export function EmailAddressPanel({
  email,
  verified,
  pendingEmail,
  actions,
}: {
  email: string;
  verified: boolean;
  pendingEmail: string | null;
  actions: { resend: FormAction; change: FormAction };
}) {
  const [resent, resend, resending] = useActionState(actions.resend, {});
  const [changed, change, changing] = useActionState(actions.change, {});
  return (
    <Panel
      id="email"
      title="Email address"
      description="Where sign-in links and email alerts go. A new address is used once you open the link we mail to it."
    >
      <div className="space-y-2">
        <p className="flex flex-wrap items-center gap-2 text-sm">
          <span className="font-medium break-all">{email}</span>
          {verified ? <Badge tone="ok">Confirmed</Badge> : <Badge tone="warning">Not confirmed</Badge>}
        </p>
        {verified ? null : (
          <form action={resend} className="space-y-2">
            <p className="text-sm text-slate-700 dark:text-slate-300">
              Email alerts wait until you open the link we sent to this address.
            </p>
            <Button type="submit" variant="secondary" size="sm" disabled={resending}>
              {resending ? "Sending…" : "Send the confirmation link again"}
            </Button>
            <StatusLine ok={resent.ok} message={resent.message} />
          </form>
        )}
        {pendingEmail ? (
          <p className="text-sm text-slate-700 dark:text-slate-300">
            Waiting for you to open the link sent to <span className="font-medium break-all">{pendingEmail}</span>.
          </p>
        ) : null}
      </div>
      <form action={change} className="max-w-md space-y-4">
        <TextField
          id="new-email"
          label="New email address"
          name="newEmail"
          type="email"
          autoComplete="email"
          required
          errors={changed.errors?.newEmail}
        />
        <CurrentPasswordField id="email-current-password" errors={changed.errors?.currentPassword} />
        <StatusLine ok={changed.ok} message={changed.message} />
        <Button type="submit" disabled={changing}>
          {changing ? "Sending…" : "Change email address"}
        </Button>
      </form>
    </Panel>
  );
}
