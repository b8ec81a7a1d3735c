// Where a confirmation link lands: what the link is for and one button to do it (a POST: mail scanners
// open links, and must not confirm anything). Open with or without a session (proxy.ts).
import type { Metadata } from "next";
import Link from "next/link";
import { ConfirmEmailForm } from "@/components/auth/confirm-email-form";
import { TEXT_LINK } from "@/components/ui/text-link";
import { findLiveToken } from "@/lib/auth/tokens";
import { confirmEmailAction } from "../actions";

export const metadata: Metadata = { title: "Confirm your email address", referrer: "no-referrer" };

export default async function VerifyEmailPage({
  searchParams,
}: {
  searchParams: Promise<{ token?: string | string[] }>;
}) {
  const { token } = await searchParams;
  const valid = typeof token === "string" ? token : null;
  const confirming = valid ? await findLiveToken({ token: valid, purpose: "email_verification" }) : null;
  const moving = valid && !confirming ? await findLiveToken({ token: valid, purpose: "email_change" }) : null;
  const link = confirming ?? moving;
  return (
    <div className="space-y-6">
      <h2 className="text-xl font-semibold">Confirm your email address</h2>
      {valid && link?.address ? (
        <>
          <p className="text-sm text-slate-700 dark:text-slate-300">
            {moving ? (
              <>
                Move the Mingus account of <span className="font-medium break-all">{link.email}</span> to{" "}
                <span className="font-medium break-all">{link.address}</span>. Sign-ins and email alerts then use the
                new address.
              </>
            ) : (
              <>
                Confirm that <span className="font-medium break-all">{link.address}</span> is the address of your Mingus
                account. Email alerts can reach you once it is.
              </>
            )}
          </p>
          <ConfirmEmailForm
            action={confirmEmailAction}
            token={valid}
            label={moving ? "Use the new address" : "Confirm my address"}
          />
        </>
      ) : (
        <p role="alert" className="text-sm text-red-700 dark:text-red-400">
          This confirmation link has expired or was already used.{" "}
          <Link href="/settings/security#email" className={TEXT_LINK}>
            Ask for a new one
          </Link>{" "}
          from Settings → Security.
        </p>
      )}
    </div>
  );
}
