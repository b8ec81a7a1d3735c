// How many job worker processes are alive, for mingus_workers_alive: those whose heartbeat
// (lib/jobs/heartbeat.ts) is recent, across the cluster, the web servers' own workers included.
import "server-only";
import { countAliveWorkers } from "@/lib/jobs/heartbeat";

export async function countAliveWorkersForMetrics(): Promise<number> {
  return countAliveWorkers();
}
