// Where OAuth banks send people back to (PLAID_REDIRECT_URI, registered in Plaid's dashboard): Link is
// reopened here with the saved link token and finishes linking or reconnecting.
import type { Metadata } from "next";
import type { LinkActions } from "@/components/connections/actions";
import { OAuthReturn } from "@/components/connections/oauth-return";
import { requireUser } from "@/lib/auth/session";
import { getLinkEnvironment } from "@/lib/plaid/link-environment";
import { completeUpdateModeAction, createLinkTokenAction, exchangePublicTokenAction } from "../accounts/plaid-actions";

const ACTIONS: LinkActions = {
  createLinkToken: createLinkTokenAction,
  exchangePublicToken: exchangePublicTokenAction,
  completeUpdateMode: completeUpdateModeAction,
};

export const metadata: Metadata = { title: "Finishing with your bank" };

export default async function OAuthReturnPage() {
  await requireUser();
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-semibold tracking-tight">Finishing with your bank</h1>
      <OAuthReturn environment={getLinkEnvironment()} actions={ACTIONS} />
    </div>
  );
}
