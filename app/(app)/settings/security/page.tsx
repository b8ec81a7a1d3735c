import type { Metadata } from "next";
import Link from "next/link";
import { describeBrowser } from "@/components/notifications/browser-name";
import { ChangePasswordForm } from "@/components/security/change-password-form";
import { SessionList } from "@/components/security/session-list";
import { STANDALONE_LINK, TEXT_LINK } from "@/components/ui/text-link";
import { getCurrentSession, requireUser } from "@/lib/auth/session";
import { LAST_SEEN_PRECISION_MS, listSessions } from "@/lib/auth/sessions";
import { getDisplay } from "@/lib/format/display";
import { describePlace } from "@/lib/security/ip-country";
import { changePasswordAction, endAllSessionsAction, endOtherSessionsAction, endSessionAction } from "./actions";

export const metadata: Metadata = { title: "Security" };

export default async function SecurityPage() {
  const user = await requireUser();
  const [current, sessions, display] = await Promise.all([
    getCurrentSession(),
    listSessions({ userId: user.id }),
    getDisplay({ userId: user.id }),
  ]);
  const now = new Date();
  return (
    <div className="space-y-8">
      <header className="space-y-1">
        <p className="text-sm">
          <Link href="/settings" className={STANDALONE_LINK}>
            Settings
          </Link>
        </p>
        <h1 className="text-2xl font-semibold tracking-tight">Security</h1>
        <p className="text-slate-600 dark:text-slate-400">Your password and the browsers signed in to {user.email}.</p>
      </header>
      <div className="max-w-3xl space-y-8">
        <ChangePasswordForm action={changePasswordAction} />
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
          }))}
          actions={{ end: endSessionAction, endOthers: endOtherSessionsAction, endAll: endAllSessionsAction }}
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
