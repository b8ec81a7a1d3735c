// The second step of signing in, for someone with two-factor sign-in on: a session waiting for its code
// opens only this page (lib/auth/session.ts). Signing out here abandons the sign-in.
import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { PasskeySecondFactor } from "@/components/auth/passkey-second-factor";
import { TwoFactorForm } from "@/components/auth/two-factor-form";
import { SignOutButton } from "@/components/sign-out-button";
import { hasPasskey, passkeyDomain } from "@/lib/auth/passkeys";
import { safeReturnPath } from "@/lib/auth/return-path";
import { getSessionAnyStage } from "@/lib/auth/session";
import { passkeySecondFactorAction, passkeySecondFactorOptionsAction, secondFactorAction } from "../actions";

export const metadata: Metadata = { title: "Two-factor sign-in" };

export default async function TwoFactorPage({
  searchParams,
}: {
  searchParams: Promise<{ callbackUrl?: string | string[] }>;
}) {
  const { callbackUrl } = await searchParams;
  const returnPath = safeReturnPath(typeof callbackUrl === "string" ? callbackUrl : null);
  const session = await getSessionAnyStage();
  if (!session) redirect("/session-ended");
  if (!session.secondFactorPending) redirect(returnPath);
  const passkey = passkeyDomain() !== null && (await hasPasskey({ userId: session.user.id }));
  return (
    <div className="space-y-6">
      <h2 className="text-xl font-semibold">Two-factor sign-in</h2>
      <p className="text-sm text-slate-700 dark:text-slate-300">
        One more step: {passkey ? "use one of your passkeys, or " : ""}open your authenticator app and type the code it
        shows for Mingus (<span className="break-all">{session.user.email}</span>). Lost the app? Type one of your
        recovery codes instead; each works once.
      </p>
      {passkey ? (
        <PasskeySecondFactor
          begin={passkeySecondFactorOptionsAction}
          finish={passkeySecondFactorAction}
          callbackUrl={returnPath}
        />
      ) : null}
      <TwoFactorForm action={secondFactorAction} callbackUrl={returnPath} />
      <div className="text-sm">
        <SignOutButton label="Cancel and sign out" />
      </div>
    </div>
  );
}
