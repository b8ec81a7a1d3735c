"use client";
// A linked bank's own actions on the accounts page: "Sync now" while it is healthy, "Reconnect" when
// Plaid needs the person to sign in again (Link in update mode), "Add accounts" when the bank has
// accounts not shared yet (update mode with account selection), and "Unlink" behind a confirmation
// that says what will be deleted.
import { useRouter } from "next/navigation";
import { useId, useState, useTransition } from "react";
import { type FormAction, formOf } from "@/components/form-action";
import { SyncNowButton } from "@/components/sync/sync-now-button";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import type { ConnectionActionSet } from "./actions";
import { LinkButton } from "./link-button";
import type { LinkEnvironment } from "./link-types";

export function ConnectionActions({
  connectionId,
  institutionName,
  requiresReauth,
  newAccountsAvailable,
  syncing,
  environment,
  actions,
}: {
  connectionId: string;
  institutionName: string;
  requiresReauth: boolean;
  newAccountsAvailable: boolean;
  /** A sync is queued or running (the "Syncing" badge); Sync now follows it. */
  syncing: boolean;
  environment: LinkEnvironment;
  actions: ConnectionActionSet;
}) {
  return (
    <div className="flex flex-wrap items-start gap-2">
      {/* Until the person signs in again a sync could only fail, so Reconnect takes its place. */}
      {requiresReauth ? null : (
        <SyncNowButton
          connectionId={connectionId}
          institutionName={institutionName}
          syncing={syncing}
          action={actions.syncNow}
          size="xs"
        />
      )}
      {requiresReauth ? (
        <LinkButton
          mode="update"
          connectionId={connectionId}
          label="Reconnect"
          accessibleName={`Reconnect ${institutionName}`}
          environment={environment}
          actions={actions.link}
          variant="attention"
          size="xs"
        />
      ) : null}
      {newAccountsAvailable && !requiresReauth ? (
        <LinkButton
          mode="update"
          connectionId={connectionId}
          accountSelection
          label="Add accounts"
          accessibleName={`Add new accounts from ${institutionName}`}
          environment={environment}
          actions={actions.link}
          variant="attention"
          size="xs"
        />
      ) : null}
      <UnlinkButton connectionId={connectionId} institutionName={institutionName} unlink={actions.unlink} />
    </div>
  );
}

function UnlinkButton({
  connectionId,
  institutionName,
  unlink: unlinkAction,
}: {
  connectionId: string;
  institutionName: string;
  unlink: FormAction;
}) {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [error, setError] = useState("");
  const [pending, startTransition] = useTransition();
  const titleId = useId();
  const descriptionId = useId();

  function unlink() {
    setError("");
    startTransition(async () => {
      const result = await unlinkAction({}, formOf({ connectionId }));
      if (!result.ok) {
        setError(result.message ?? "Unlinking failed. Nothing was deleted.");
        return;
      }
      setOpen(false);
      router.refresh();
    });
  }

  return (
    <>
      <Button variant="secondary" size="xs" onClick={() => setOpen(true)} aria-label={`Unlink ${institutionName}`}>
        Unlink
      </Button>
      <Dialog
        open={open}
        onCancel={() => !pending && setOpen(false)}
        labelledBy={titleId}
        describedBy={descriptionId}
        className="max-w-md"
      >
        <div className="space-y-4 p-6">
          <h2 id={titleId} className="text-lg font-semibold">
            Unlink {institutionName}?
          </h2>
          <p id={descriptionId} className="text-sm text-slate-600 dark:text-slate-300">
            Mingus will disconnect from {institutionName} at Plaid and delete every account from this bank, with its
            balance history, transactions, sync history and account settings. This cannot be undone; you can link the
            bank again later.
          </p>
          <p role="alert" className="text-sm font-medium text-red-700 empty:hidden dark:text-red-400">
            {error}
          </p>
          <div className="flex flex-wrap justify-end gap-2">
            <Button variant="secondary" onClick={() => setOpen(false)} disabled={pending}>
              Cancel
            </Button>
            <Button variant="danger" onClick={unlink} disabled={pending}>
              {pending ? "Unlinking…" : "Unlink bank"}
            </Button>
          </div>
        </div>
      </Dialog>
    </>
  );
}
