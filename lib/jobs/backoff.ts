// How long to wait before retrying a failed sync: exponential backoff with "equal jitter", so a
// bank outage does not bring every connection back in the same second.

export const DEFAULT_BACKOFF_BASE_MS = 60_000;
export const DEFAULT_BACKOFF_CAP_MS = 6 * 3600_000;

/**
 * The delay before retry number `attempt` (1 for the first retry): d = min(cap, base·2^(attempt−1)),
 * then a uniformly random point in [d/2, d). Milliseconds, not rounded.
 */
export function computeBackoffMs({
  attempt,
  baseMs = DEFAULT_BACKOFF_BASE_MS,
  capMs = DEFAULT_BACKOFF_CAP_MS,
  random = Math.random,
}: {
  attempt: number;
  baseMs?: number;
  capMs?: number;
  random?: () => number;
}): number {
  if (!Number.isInteger(attempt) || attempt < 1) {
    throw new RangeError(`Backoff attempt must be an integer of at least 1, got ${attempt}`);
  }
  if (!(Number.isFinite(baseMs) && baseMs >= 0 && Number.isFinite(capMs) && capMs >= 0)) {
    throw new RangeError(`Backoff base and cap must be finite and non-negative, got ${baseMs} and ${capMs}`);
  }
  const jitter = random();
  if (!(jitter >= 0 && jitter < 1)) throw new RangeError(`random() must return a number in [0, 1), got ${jitter}`);
  // 2 ** 1100 is Infinity; min() turns it back into the cap, so large attempts are safe.
  const delay = Math.min(capMs, baseMs * 2 ** (attempt - 1));
  return delay / 2 + (jitter * delay) / 2;
}
