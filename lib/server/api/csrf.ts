import "server-only";
import { env } from "@/lib/env";
import { DomainError } from "@/lib/domain/errors";

// A browser sends the session cookie with a request from any page, even one on
// another port of the same host (SameSite=Lax does not separate ports or
// subdomains). So a write that rests on the cookie must come from Concord's own
// origin, and a JSON route takes only JSON: the content types a cross-site form
// can send without a preflight (text/plain, forms) are refused.

const UNSAFE = new Set(["POST", "PUT", "PATCH", "DELETE"]);

export function isWrite(request: Request): boolean {
  return UNSAFE.has(request.method.toUpperCase());
}

/** The hosts this app answers as: NEXTAUTH_URL's, and the one the request was addressed to. */
function ownHosts(request: Request): Set<string> {
  const hosts = new Set<string>();
  const configured = env().NEXTAUTH_URL;
  if (configured) hosts.add(new URL(configured).host);
  for (const name of ["x-forwarded-host", "host"]) {
    const value = request.headers.get(name)?.split(",")[0]?.trim();
    if (value) hosts.add(value.toLowerCase());
  }
  return hosts;
}

/** For a cookie-authenticated write: refused unless its Origin is this app's own. */
export function assertSameOrigin(request: Request): void {
  const origin = request.headers.get("origin");
  if (!origin || origin === "null") {
    throw new DomainError("forbidden", "A signed-in write must come from Concord's own pages (the Origin header is missing); integrations send a bearer token.");
  }
  let host: string;
  try {
    host = new URL(origin).host.toLowerCase();
  } catch {
    throw new DomainError("forbidden", "The Origin header is not a valid origin.");
  }
  if (!ownHosts(request).has(host)) {
    throw new DomainError("forbidden", `A signed-in write must come from Concord's own pages, not from ${origin}.`);
  }
}

/** application/json, or a JSON type such as application/merge-patch+json. */
export function isJsonContentType(value: string | null): boolean {
  const type = value?.split(";")[0].trim().toLowerCase() ?? "";
  return type === "application/json" || /^application\/[\w.+-]+\+json$/.test(type);
}

export function assertJsonContentType(request: Request): void {
  const type = request.headers.get("content-type");
  if (type !== null && !isJsonContentType(type)) {
    throw new DomainError("unsupported_media_type", `Send JSON with 'Content-Type: application/json', not '${type}'.`);
  }
}
