// The sync queue (pg-boss): what callers outside it use. The worker side lives in runtime.ts and start.ts.
import "server-only";

export { type EnqueueResult, enqueueSync, requestAndEnqueueSync } from "./enqueue";
export { type ClaimRefusal, type ClaimResult, claimSync, heartbeatSync, releaseSync } from "./lease";
export { requestLoginSyncs, syncOnSignIn } from "./login";
