// A server action request that Next.js would refuse with a 500 (an Origin that is not this site's, a
// body past its size limit, a body that is not what React's client sends) is refused here first, with
// the 4xx that says why; nothing runs.

/** next.config.js experimental.serverActions.bodySizeLimit ("6mb"): keep the two the same. */
export const SERVER_ACTION_BODY_LIMIT_BYTES = 6 * 1024 * 1024;

export type Refusal = { status: 400 | 403 | 413; message: string };

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

const MALFORMED: Refusal = { status: 400, message: "This form's data could not be read, so it was not run." };

/** React's encodeReply puts the arguments' JSON, always an array, in the body or in the form field "0". */
function isArgumentList(json: string): boolean {
  try {
    return Array.isArray(JSON.parse(json));
  } catch {
    return false;
  }
}

/**
 * Whether the body of a server action call is one React's client could have sent: a JSON array as text,
 * or multipart form data whose field "0" holds that array. Anything else Next.js fails on with a 500.
 * Reads a clone (the request goes on unread); the size was checked first (serverActionRefusal).
 */
export async function serverActionBodyRefusal(request: Request): Promise<Refusal | null> {
  const type = (request.headers.get("content-type") ?? "").toLowerCase();
  try {
    if (type.startsWith("multipart/form-data")) {
      const root = (await request.clone().formData()).get("0");
      return typeof root === "string" && isArgumentList(root) ? null : MALFORMED;
    }
    if (type.startsWith("text/plain")) return isArgumentList(await request.clone().text()) ? null : MALFORMED;
  } catch {
    // formData() throws on a missing boundary or a body that is not multipart.
    return MALFORMED;
  }
  // Other types (a form posted without JavaScript carries no Next-Action header) are Next's to answer:
  // it refuses them with a 4xx.
  return null;
}
