// Where a person may be sent back to after signing in: a path on this site, never another origin.
// Read by the sign-in form in the browser and by next-auth's redirect callback on the server.

/** Where signed-in people go when no return path is given or the one given is refused. */
export const DEFAULT_RETURN_PATH = "/accounts";

// Any origin will do as a base: only paths that stay on it are kept.
const BASE = "http://mingus.invalid";

/**
 * `value` as a path on this site ("/accounts?range=90d"), or `fallback`. Refused: anything that is not
 * an absolute path, a scheme-relative "//host", and any backslash or control character, which browsers
 * read as "/" or drop ("/\evil.example" and "/<tab>/evil.example" both lead to evil.example).
 */
export function safeReturnPath(value: string | null | undefined, fallback = DEFAULT_RETURN_PATH): string {
  if (!value?.startsWith("/") || value.startsWith("//")) return fallback;
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what this refuses
  if (/[\u0000-\u001f\u007f\\]/.test(value)) return fallback;
  let url: URL;
  try {
    url = new URL(value, BASE);
  } catch {
    return fallback;
  }
  if (url.origin !== BASE) return fallback;
  return `${url.pathname}${url.search}${url.hash}`;
}

/**
 * next-auth's redirect callback: a URL on `baseUrl`'s origin (or a path) keeps its path, made safe;
 * anything else goes to the default page.
 */
export function sameOriginRedirect({ url, baseUrl }: { url: string; baseUrl: string }): string {
  const base = new URL(baseUrl);
  const origin = base.origin;
  let path: string;
  if (url.startsWith("/")) {
    path = safeReturnPath(url);
  } else {
    let target: URL;
    try {
      target = new URL(url);
    } catch {
      return `${origin}${DEFAULT_RETURN_PATH}`;
    }
    path =
      target.origin === origin
        ? safeReturnPath(`${target.pathname}${target.search}${target.hash}`)
        : DEFAULT_RETURN_PATH;
  }
  return `${origin}${path}`;
}

/** Set by proxy.ts on every page request: the path and query asked for (where a second factor returns to). */
export const REQUESTED_PATH_HEADER = "x-mingus-path";
