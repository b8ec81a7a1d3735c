// How many job worker processes are alive, for mingus_workers_alive. The one place the gauge asks:
// today it knows only this process (its lib/jobs runtime says whether it started workers); once workers
// heartbeat into the database, this reads that instead and the gauge covers the whole cluster.
import "server-only";
import { localJobWorkerIds } from "@/lib/jobs/runtime";

export async function countAliveWorkersForMetrics(): Promise<number> {
  return localJobWorkerIds().length;
}
