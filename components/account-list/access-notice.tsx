// Under a bank's header: when its access to the bank ends soon ("Access to … ends on …: Renew", which
// opens Link's update mode) or was revoked (what that means, and that Reconnect or Unlink are the way on).
import { LinkButton } from "@/components/connections/link-button";
import type { InstitutionGroupProps } from "./institution-props";

export function AccessNotice({ institution, display, linkEnvironment, actions }: InstitutionGroupProps) {
  const { name, revokedBy, accessEndsAt } = institution;
  if (revokedBy) {
    const wholeItem = revokedBy === "USER_PERMISSION_REVOKED";
    return (
      <div className="border-b border-violet-200 bg-violet-50 px-4 py-3 text-sm text-violet-900 dark:border-violet-500/30 dark:bg-violet-500/10 dark:text-violet-100">
        <p className="font-medium">
          {wholeItem ? `Access to ${name} was revoked.` : `Access to an account at ${name} was revoked at the bank.`}
        </p>
        <p className="mt-1">
          Mingus has stopped syncing it; its accounts and history stay here as they were, read-only.{" "}
          {wholeItem
            ? "Reconnect to restore access, or Unlink to remove it."
            : "Reconnect and share the account again; if the bank will not restore it, Unlink and link the bank again as a new connection."}
        </p>
      </div>
    );
  }
  if (!accessEndsAt || institution.requiresReauth) return null;
  return (
    <div className="flex flex-wrap items-center gap-x-3 gap-y-2 border-b border-amber-200 bg-amber-50 px-4 py-3 text-sm text-amber-900 dark:border-amber-500/30 dark:bg-amber-500/10 dark:text-amber-100">
      <p className="font-medium">
        Access to {name} ends on <time dateTime={accessEndsAt.toISOString()}>{display.date(accessEndsAt)}</time>:
      </p>
      <LinkButton
        mode="update"
        connectionId={institution.connectionId}
        label="Renew"
        accessibleName={`Renew ${name}`}
        environment={linkEnvironment}
        actions={actions.link}
        variant="attention"
        size="xs"
      />
    </div>
  );
}
