// Who may read metrics: nobody when METRICS_TOKEN is unset (the endpoint does not exist), otherwise a
// request whose Authorization header is `Bearer <METRICS_TOKEN>`, compared in constant time.
import "server-only";
import { createHash, timingSafeEqual } from "node:crypto";

export type MetricsAccess = "disabled" | "unauthorized" | "granted";

const digest = (value: string) => createHash("sha256").update(value, "utf8").digest();

export function checkMetricsAccess({
  authorization,
  token,
}: {
  authorization: string | null | undefined;
  token: string | undefined;
}): MetricsAccess {
  if (!token) return "disabled";
  const presented = /^Bearer[ ]+(\S+)\s*$/i.exec(authorization ?? "")?.[1] ?? "";
  // Equal-length digests: the comparison takes the same time whatever was presented, even its length.
  return timingSafeEqual(digest(presented), digest(token)) && presented.length > 0 ? "granted" : "unauthorized";
}

/** The status and body a refused request gets; the same for the web route and a worker's server. */
export function refusal(access: Exclude<MetricsAccess, "granted">): {
  status: number;
  body: string;
  headers: Record<string, string>;
} {
  if (access === "disabled") return { status: 404, body: "Not Found\n", headers: { "Content-Type": "text/plain" } };
  return {
    status: 401,
    body: "Unauthorized\n",
    headers: { "Content-Type": "text/plain", "WWW-Authenticate": 'Bearer realm="metrics"' },
  };
}
