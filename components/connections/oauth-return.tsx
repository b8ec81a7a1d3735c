"use client";
// The end of an OAuth bank's sign-in: the bank sent the person back here with oauth_state_id. Link is
// reopened with the link token saved before it first opened (pending-link) and this page's full URL,
// and finishes the link or the repair through the same flow as the Link button. Nothing pending, or a
// session too old, is said plainly with the way back.
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useEffect, useRef, useState } from "react";
import { STANDALONE_LINK } from "@/components/ui/text-link";
import type { LinkActions } from "./actions";
import { LinkSessionView } from "./link-session-view";
import type { LinkEnvironment } from "./link-types";
import { clearPendingLink, readPendingLink } from "./pending-link";
import { useLinkFlow } from "./use-link-flow";

const NOTHING_PENDING =
  "No bank sign-in is waiting to finish here. Start again with Link a bank or Reconnect on your accounts.";
const STALE = "This bank sign-in took too long and has expired. Start again from your accounts.";

export function OAuthReturn({ environment, actions }: { environment: LinkEnvironment; actions: LinkActions }) {
  const router = useRouter();
  const flow = useLinkFlow({ actions, onLinked: () => router.push("/accounts") });
  const [problem, setProblem] = useState("");
  const resumed = useRef(false);
  const { resume } = flow;

  useEffect(() => {
    if (resumed.current) return;
    resumed.current = true;
    const found = readPendingLink();
    if (found.state !== "ready") {
      clearPendingLink();
      setProblem(found.state === "stale" ? STALE : NOTHING_PENDING);
      return;
    }
    const here = new URL(window.location.href);
    if (!here.searchParams.has("oauth_state_id")) {
      setProblem("Your bank did not say how the sign-in went. Start again from your accounts.");
      return;
    }
    resume({ token: found.pending.linkToken, target: found.pending.target, receivedRedirectUri: here.toString() });
  }, [resume]);

  return (
    <div className="max-w-xl space-y-4">
      <p className="text-sm text-slate-700 dark:text-slate-300">
        You are back from your bank. Mingus is finishing the connection through Plaid.
      </p>
      <p role="alert" className="text-sm text-red-700 empty:hidden dark:text-red-400">
        {problem}
      </p>
      <LinkSessionView flow={flow} environment={environment} />
      <Link href="/accounts" className={STANDALONE_LINK}>
        Back to your accounts
      </Link>
    </div>
  );
}
