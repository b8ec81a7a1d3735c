"use client";
// "Sync now" for one connection: starts (or joins) a manual sync, then follows the run once a second and
// says how far it got, politely announced; when it ends the page refreshes so the new numbers show. A run
// the page already knows about (the "Syncing" badge) is followed the same way.
import { useRouter } from "next/navigation";
import { useEffect, useState, useTransition } from "react";
import type { SyncNowAction } from "@/components/connections/actions";
import { formOf } from "@/components/form-action";
import { Button, type ButtonStyle } from "@/components/ui/button";
import { describeSync, isSyncRunning, type SyncSnapshot, type SyncStatusText } from "./sync-status";

const POLL_INTERVAL_MS = 1_000;
// A big first sync takes a while; past this the run carries on server-side and the person is told so.
const POLL_LIMIT_MS = 2 * 60_000;
// A run still queued past the limit is followed more slowly: with no worker alive the answer turns to
// "Waiting for the sync service…", and back to "Syncing…" once one starts.
const SLOW_POLL_INTERVAL_MS = 5_000;

const TONES: Record<SyncStatusText["tone"], string> = {
  progress: "text-slate-600 dark:text-slate-400",
  success: "text-emerald-700 dark:text-emerald-400",
  error: "text-red-700 dark:text-red-400",
};

export function SyncNowButton({
  connectionId,
  institutionName,
  syncing,
  action,
  size,
}: {
  connectionId: string;
  institutionName: string;
  /** The server saw a run queued or going when it rendered the page. */
  syncing: boolean;
  action: SyncNowAction;
  /** Matching the buttons beside it. */
  size: ButtonStyle["size"];
}) {
  const router = useRouter();
  const [polling, setPolling] = useState(syncing);
  const [status, setStatus] = useState<SyncStatusText | null>(null);
  const [starting, startTransition] = useTransition();

  // A refresh that shows a run going (another tab, a webhook) starts following it.
  useEffect(() => {
    if (syncing) setPolling(true);
  }, [syncing]);

  useEffect(() => {
    if (!polling) return;
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const deadline = Date.now() + POLL_LIMIT_MS;
    let queued = false;

    function finish(next: SyncStatusText | null) {
      setStatus(next);
      setPolling(false);
      router.refresh();
    }

    async function poll() {
      try {
        const response = await fetch(`/api/connections/${encodeURIComponent(connectionId)}/sync`, {
          cache: "no-store",
        });
        if (stopped) return;
        if (response.status === 401 || response.status === 404) {
          const text =
            response.status === 401 ? "Your session has ended. Sign in again." : "This bank is no longer linked.";
          return finish({ text, tone: "error" });
        }
        if (response.ok) {
          const sync = (await response.json()) as SyncSnapshot | null;
          if (stopped) return;
          if (!sync || !isSyncRunning(sync.status)) return finish(sync ? describeSync(sync) : null);
          queued = sync.status === "pending";
          setStatus(describeSync(sync));
        }
      } catch {
        // A dropped request is retried on the next tick; the deadline still applies.
      }
      if (stopped) return;
      if (Date.now() >= deadline && queued) {
        timer = setTimeout(poll, SLOW_POLL_INTERVAL_MS);
        return;
      }
      if (Date.now() >= deadline) {
        return finish({
          text: "Still syncing after 2 minutes. It carries on in the background; check back later for the results.",
          tone: "progress",
        });
      }
      timer = setTimeout(poll, POLL_INTERVAL_MS);
    }

    void poll();
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [polling, connectionId, router]);

  function start() {
    setStatus(null);
    startTransition(async () => {
      const result = await action({}, formOf({ connectionId }));
      if (!result.ok) {
        setStatus({ text: result.message ?? "The sync could not be started. Try again.", tone: "error" });
        return;
      }
      setStatus({ text: "Queued…", tone: "progress" });
      setPolling(true);
      // Shows the "Syncing" badge now; the refresh at the end takes it away.
      router.refresh();
    });
  }

  const busy = polling || starting;
  return (
    <div className="flex flex-wrap items-center gap-x-2 gap-y-1">
      <Button
        variant="secondary"
        size={size}
        onClick={start}
        disabled={busy}
        aria-label={`Sync now: ${institutionName}`}
      >
        Sync now
      </Button>
      {/* Always in the page, even empty, so screen readers announce what is put into it. */}
      <p role="status" aria-live="polite" className={`text-xs tabular-nums ${status ? TONES[status.tone] : ""}`}>
        {status?.text}
      </p>
    </div>
  );
}
