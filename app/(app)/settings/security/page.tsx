import type { Metadata } from "next";
import { AuditTable } from "@/components/audit/audit-table";
import { decodeAuditCursor, encodeAuditCursor } from "@/components/audit/describe";
import { emailNotice } from "@/components/auth/email-notices";
import { describeBrowser } from "@/components/notifications/browser-name";
import { ChangePasswordForm } from "@/components/security/change-password-form";
import { EmailAddressPanel } from "@/components/security/email-address-panel";
import { PasskeysPanel } from "@/components/security/passkeys-panel";
import { qrPath } from "@/components/security/qr-path";
import { SessionList } from "@/components/security/session-list";
import { TwoFactorPanel } from "@/components/security/two-factor-panel";
import { DeleteAccountPanel, ExportPanel } from "@/components/security/your-data-panels";
import { Notice } from "@/components/ui/notice";
import { Panel } from "@/components/ui/panel";
import { SubPageHeader } from "@/components/ui/sub-page-header";
import { TEXT_LINK } from "@/components/ui/text-link";
import { listOwnAuditEvents } from "@/lib/audit";
import { getEmailStatus } from "@/lib/auth/email-addresses";
import { listPasskeys, passkeyDomain } from "@/lib/auth/passkeys";
import { getCurrentSession, requireUser } from "@/lib/auth/session";
import { LAST_SEEN_PRECISION_MS, listSessions } from "@/lib/auth/sessions";
import { adminAccess, getTwoFactorStatus, groupedSecret } from "@/lib/auth/two-factor";
import { getDisplay } from "@/lib/format/display";
import { describePlace } from "@/lib/security/ip-country";
import {
  beginPasskeyAction,
  beginTwoFactorAction,
  changeEmailAction,
  changePasswordAction,
  confirmTwoFactorAction,
  deleteAccountAction,
  disableTwoFactorAction,
  endAllSessionsAction,
  endOtherSessionsAction,
  endSessionAction,
  finishPasskeyAction,
  removePasskeyAction,
  renewRecoveryCodesAction,
  resendConfirmationAction,
} from "./actions";

export const metadata: Metadata = { title: "Security" };

export default async function SecurityPage({
  searchParams,
}: {
  searchParams: Promise<{ email?: string | string[]; before?: string | string[] }>;
}) {
  const user = await requireUser();
  const { email: notice, before } = await searchParams;
  const [current, sessions, display, emailStatus, activity, twoFactor, access, passkeys] = await Promise.all([
    getCurrentSession(),
    listSessions({ userId: user.id }),
    getDisplay({ userId: user.id }),
    getEmailStatus({ userId: user.id }),
    listOwnAuditEvents({ userId: user.id, cursor: decodeAuditCursor(before), limit: 20 }),
    getCurrentSession().then((session) =>
      getTwoFactorStatus({ userId: user.id, sessionId: session?.sessionId ?? null }),
    ),
    adminAccess(user),
    listPasskeys({ userId: user.id }),
  ]);
  const confirmation = emailNotice(notice);
  const now = new Date();
  return (
    <div className="space-y-8">
      <SubPageHeader parent={{ href: "/settings", label: "Settings" }} title="Security">
        Your email address, password, second factor and passkeys, the browsers signed in to your account, what happened
        to it, and your data to take away or delete.
      </SubPageHeader>
      <div className="max-w-3xl space-y-8">
        {confirmation ? <Notice tone={confirmation.tone}>{confirmation.text}</Notice> : null}
        <EmailAddressPanel
          email={emailStatus.email}
          verified={emailStatus.verified}
          pendingEmail={emailStatus.pendingEmail}
          actions={{ resend: resendConfirmationAction, change: changeEmailAction }}
        />
        <ChangePasswordForm action={changePasswordAction} />
        <TwoFactorPanel
          view={{
            enabled: twoFactor.enabled,
            enabledOn: twoFactor.enabledAt ? display.date(twoFactor.enabledAt) : null,
            recoveryCodesLeft: twoFactor.recoveryCodesLeft,
            setup: twoFactor.setup && { qr: qrPath(twoFactor.setup.uri), key: groupedSecret(twoFactor.setup.secret) },
          }}
          hasPassword={emailStatus.hasPassword}
          adminRequired={access === "needs_second_factor"}
          actions={{
            begin: beginTwoFactorAction,
            confirm: confirmTwoFactorAction,
            renew: renewRecoveryCodesAction,
            disable: disableTwoFactorAction,
          }}
        />
        <PasskeysPanel
          passkeys={passkeys.map((passkey) => ({
            id: passkey.id,
            name: passkey.name,
            added: display.date(passkey.createdAt),
            lastUsed: passkey.lastUsedAt ? display.relative(passkey.lastUsedAt, now) : null,
            synced: passkey.backedUp,
          }))}
          hasPassword={emailStatus.hasPassword}
          twoFactor={twoFactor.enabled}
          available={passkeyDomain() !== null}
          actions={{ begin: beginPasskeyAction, finish: finishPasskeyAction, remove: removePasskeyAction }}
        />
        <SessionList
          sessions={sessions.map((session) => ({
            id: session.id,
            device: describeBrowser(session.userAgent),
            place: describePlace(session.country),
            ipAddress: session.ipAddress,
            signedIn: display.date(session.createdAt),
            // last_seen_at moves every five minutes at most (lib/auth/sessions.ts).
            lastSeen:
              session.id === current?.sessionId || now.getTime() - session.lastSeenAt.getTime() < LAST_SEEN_PRECISION_MS
                ? "just now"
                : display.relative(session.lastSeenAt, now),
            current: session.id === current?.sessionId,
            awaitingCode: session.secondFactorPending,
          }))}
          actions={{ end: endSessionAction, endOthers: endOtherSessionsAction, endAll: endAllSessionsAction }}
        />
        <Panel
          id="activity"
          title="Recent activity"
          description="Sign-ins, changes to your account and its banks, and what an admin did to them, newest first."
        >
          <AuditTable
            label="Recent activity"
            entries={activity.entries}
            formatTime={(value) => display.dateTime(value)}
            olderHref={activity.next ? `/settings/security?before=${encodeAuditCursor(activity.next)}#activity` : null}
            empty="Nothing recorded yet."
          />
        </Panel>
        <ExportPanel />
        <DeleteAccountPanel
          email={emailStatus.email}
          hasPassword={emailStatus.hasPassword}
          twoFactor={twoFactor.enabled}
          action={deleteAccountAction}
        />
        <p className="text-xs text-slate-600 dark:text-slate-400">
          Places from addresses by{" "}
          <a href="https://db-ip.com" className={TEXT_LINK}>
            DB-IP
          </a>{" "}
          (CC BY 4.0).
        </p>
      </div>
    </div>
  );
}
