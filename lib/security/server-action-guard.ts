// A server action request that Next.js would refuse with a 500 (an Origin that is not this site's, a
// body past its size limit) is refused here first, with the 4xx that says why; nothing runs.

/** next.config.js experimental.serverActions.bodySizeLimit ("6mb"): keep the two the same. */
export const SERVER_ACTION_BODY_LIMIT_BYTES = 6 * 1024 * 1024;

export type Refusal = { status: 403 | 413; message: string };

/** Why this POST carrying a Next-Action header must not run, or null. */
export function serverActionRefusal(headers: Headers): Refusal | null {
  const origin = headers.get("origin");
  if (origin !== null) {
    // The host Next.js compares with (x-forwarded-host, which it fills in from Host when absent).
    const expected = headers.get("x-forwarded-host") ?? headers.get("host");
    if (URL.parse(origin)?.host !== expected) {
      return { status: 403, message: "This form was sent from another site, so it was not run." };
    }
  }
  const length = Number(headers.get("content-length") ?? Number.NaN);
  if (Number.isFinite(length) && length > SERVER_ACTION_BODY_LIMIT_BYTES) {
    return { status: 413, message: "This form sent more than 6 MB, so it was not run." };
  }
  return null;
}
