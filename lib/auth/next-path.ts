// Where to go after signing in. The value comes from the address bar, so it is
// hostile until shown otherwise: only a path on this site is kept, never a URL
// that a browser would read as another host ("//evil", "/\evil", "https://…").

const BASE = "http://concord.invalid";

/** Set by proxy.ts on every page request: the path and query that were asked for. */
export const REQUESTED_PATH_HEADER = "x-concord-path";

/** `value` as a same-origin path (with its query and hash), or null when it is anything else. */
export function safeNextPath(value: unknown): string | null {
  if (typeof value !== "string" || value.length === 0 || value.length > 2000) return null;
  // One leading slash, then not a second slash or backslash: browsers treat "/\" like "//".
  if (!value.startsWith("/") || value.startsWith("//") || value.startsWith("/\\")) return null;
  // Backslashes and control characters (tab, newline) are normalised away by URL parsers; refuse them outright.
  if (/[\\\u0000-\u001f\u007f]/.test(value)) return null;
  let url: URL;
  try {
    url = new URL(value, BASE);
  } catch {
    return null;
  }
  if (url.origin !== BASE) return null;
  // Back to the login page would only loop.
  if (url.pathname === "/login" || url.pathname.startsWith("/api/")) return null;
  return `${url.pathname}${url.search}${url.hash}`;
}

/** The login address that returns to `path` afterwards. */
export function loginPath(path: string | null | undefined): string {
  const next = safeNextPath(path);
  return next && next !== "/" ? `/login?${new URLSearchParams({ next })}` : "/login";
}
