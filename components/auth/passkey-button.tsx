"use client";
// The button that starts a passkey prompt (signing in, or in place of a code), and what a person is told
// when the browser's prompt fails. The caller's `use` does the work and returns a problem to show, or null.
import {
  type AuthenticationResponseJSON,
  browserSupportsWebAuthn,
  type PublicKeyCredentialRequestOptionsJSON,
  startAuthentication,
} from "@simplewebauthn/browser";
import { useEffect, useState, useTransition } from "react";
import { type FormAction, formOf } from "@/components/form-action";
import { Button } from "@/components/ui/button";

/** The server action that hands out a challenge for the browser's passkey prompt. */
export type PasskeyOptionsAction = FormAction<{ options: PublicKeyCredentialRequestOptionsJSON }>;

/** The WebAuthn errors, in words (@simplewebauthn/browser's WebAuthnError keeps the browser's own as its cause). */
function passkeyProblem(error: unknown): string {
  const name = error instanceof Error ? ((error.cause as Error | undefined)?.name ?? error.name) : "";
  switch (name) {
    case "NotAllowedError":
    case "AbortError":
      return "The passkey prompt was closed or timed out, so nothing happened. Try again when you are ready.";
    case "InvalidStateError":
      return "This device already holds a passkey for your account.";
    case "SecurityError":
      return "This browser does not allow passkeys at this address.";
    case "NotSupportedError":
      return "This device cannot make or use that kind of passkey.";
    default:
      return "The passkey could not be used. Try again.";
  }
}

/** The browser's passkey prompt: its answer, or what to tell the person when it failed or was closed. */
export async function askPasskey<T>(prompt: () => Promise<T>): Promise<{ answer: T } | { problem: string }> {
  try {
    return { answer: await prompt() };
  } catch (error) {
    return { problem: passkeyProblem(error) };
  }
}

/** A challenge from `begin`, then the browser's prompt: the passkey's answer, or what to tell the person. */
export async function answerWithPasskey(
  begin: PasskeyOptionsAction,
): Promise<{ answer: AuthenticationResponseJSON } | { problem: string }> {
  const asked = await begin({}, formOf({}));
  if (!asked.data) return { problem: asked.message ?? "Passkeys cannot be used right now." };
  const options = asked.data.options;
  return askPasskey(() => startAuthentication({ optionsJSON: options }));
}

/** Whether this browser can use passkeys at all (known only once the page runs in it). */
export function useWebAuthnSupport(): boolean {
  const [supported, setSupported] = useState(true);
  useEffect(() => setSupported(browserSupportsWebAuthn()), []);
  return supported;
}

export function PasskeyButton({
  label,
  pendingLabel = "Waiting for your passkey…",
  use,
  report,
}: {
  label: string;
  pendingLabel?: string;
  use: () => Promise<string | null>;
  /** Where a problem is told, when the page has a message line of its own (the sign-in form's). */
  report?: (message: string | null) => void;
}) {
  const supported = useWebAuthnSupport();
  const [ownMessage, setOwnMessage] = useState<string | null>(null);
  const setMessage = report ?? setOwnMessage;
  const [pending, startTransition] = useTransition();
  if (!supported) return null;
  return (
    <div className="space-y-2">
      <Button
        type="button"
        variant="secondary"
        wide
        disabled={pending}
        onClick={() =>
          startTransition(async () => {
            setMessage(null);
            setMessage(await use());
          })
        }
      >
        {pending ? pendingLabel : label}
      </Button>
      {report ? null : (
        <p role="alert" aria-live="polite" className="min-h-5 text-sm text-red-700 dark:text-red-400">
          {ownMessage}
        </p>
      )}
    </div>
  );
}
