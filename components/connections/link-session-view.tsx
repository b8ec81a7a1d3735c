"use client";
// What a Link session shows around Link itself: progress (a polite live region), errors and the
// "Reconnect … instead" offer (an alert), and Link: Plaid's own, or the emulator's stand-in.
import { Button } from "@/components/ui/button";
import { InstitutionTroubleNotice } from "./institution-trouble";
import { LinkStandIn } from "./link-stand-in";
import type { LinkEnvironment } from "./link-types";
import { PlaidLinkLauncher } from "./plaid-link-launcher";
import type { useLinkFlow } from "./use-link-flow";

export function LinkSessionView({
  flow,
  environment,
}: {
  flow: ReturnType<typeof useLinkFlow>;
  environment: LinkEnvironment;
}) {
  const { busy, session, progress, error, conflict, trouble } = flow;
  return (
    <>
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
        <InstitutionTroubleNotice message={error ? trouble : ""} />
        {conflict ? (
          <Button
            variant="attention"
            size="xs"
            onClick={() => flow.start({ mode: "update", connectionId: conflict.connectionId })}
          >
            Reconnect {conflict.institutionName} instead
          </Button>
        ) : null}
      </div>
      {session && environment.emulated ? (
        <LinkStandIn
          // A replaced token is a new Link: it starts over from its first pane.
          key={session.token}
          linkToken={session.token}
          receivedRedirectUri={session.receivedRedirectUri}
          emulatorUrl={environment.emulatorUrl}
          onSuccess={flow.onSuccess}
          onExit={flow.onExit}
        />
      ) : null}
      {session && !environment.emulated ? (
        <PlaidLinkLauncher
          key={session.token}
          token={session.token}
          receivedRedirectUri={session.receivedRedirectUri}
          onSuccess={flow.onSuccess}
          onExit={flow.onExit}
          onLoadError={flow.onLoadError}
        />
      ) : null}
    </>
  );
}
