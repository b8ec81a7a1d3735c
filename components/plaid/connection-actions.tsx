"use client";
// A linked bank's own actions on the accounts page: "Sync now" while it is healthy, "Reconnect" when
// Plaid needs the person to sign in again (Link in update mode), and "Unlink" behind a confirmation that
// says what will be deleted.
import { useRouter } from "next/navigation";
import { useId, useState, useTransition } from "react";
import { unlinkConnectionAction } from "@/app/(app)/accounts/plaid-actions";
import { SyncNowButton } from "@/components/sync/sync-now-button";
import { LinkButton } from "./link-button";
import type { LinkEnvironment } from "./link-types";
import { ModalDialog } from "./modal-dialog";

const SMALL_BUTTON =
  "rounded-md border border-slate-300 px-2.5 py-1 text-xs font-medium text-slate-700 hover:bg-slate-50 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-500 disabled:opacity-60 dark:border-slate-700 dark:text-slate-300 dark:hover:bg-slate-900";

export function ConnectionActions({
  connectionId,
  institutionName,
  requiresReauth,
  syncing,
  environment,
}: {
  connectionId: string;
  institutionName: string;
  requiresReauth: boolean;
  /** A sync is queued or running (the "Syncing" badge); Sync now follows it. */
  syncing: boolean;
  environment: LinkEnvironment;
}) {
  return (
    <div className="flex flex-wrap items-start gap-2">
      {/* Until the person signs in again a sync could only fail, so Reconnect takes its place. */}
      {requiresReauth ? null : (
        <SyncNowButton
          connectionId={connectionId}
          institutionName={institutionName}
          syncing={syncing}
          className={SMALL_BUTTON}
        />
      )}
      {requiresReauth ? (
        <LinkButton
          mode="update"
          connectionId={connectionId}
          label="Reconnect"
          accessibleName={`Reconnect ${institutionName}`}
          environment={environment}
          variant="secondary"
        />
      ) : null}
      <UnlinkButton connectionId={connectionId} institutionName={institutionName} />
    </div>
  );
}

function UnlinkButton({ connectionId, institutionName }: { connectionId: string; institutionName: string }) {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [error, setError] = useState("");
  const [pending, startTransition] = useTransition();
  const titleId = useId();
  const descriptionId = useId();

  function unlink() {
    setError("");
    startTransition(async () => {
      const form = new FormData();
      form.set("connectionId", connectionId);
      const result = await unlinkConnectionAction({}, form);
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
      <button
        type="button"
        onClick={() => setOpen(true)}
        aria-label={`Unlink ${institutionName}`}
        className={SMALL_BUTTON}
      >
        Unlink
      </button>
      <ModalDialog
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
            <button
              type="button"
              onClick={() => setOpen(false)}
              disabled={pending}
              className="rounded-lg border border-slate-300 px-4 py-2 text-sm font-medium hover:bg-slate-50 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-500 dark:border-slate-700 dark:hover:bg-slate-800"
            >
              Cancel
            </button>
            <button
              type="button"
              onClick={unlink}
              disabled={pending}
              className="rounded-lg bg-red-600 px-4 py-2 text-sm font-medium text-white hover:bg-red-700 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-red-500 disabled:opacity-60"
            >
              {pending ? "Unlinking…" : "Unlink bank"}
            </button>
          </div>
        </div>
      </ModalDialog>
    </>
  );
}
