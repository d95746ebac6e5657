import { NextResponse, type NextRequest } from "next/server";
import { REQUESTED_PATH_HEADER } from "@/lib/auth/next-path";

// Two jobs, neither of them authorisation (the area layouts and every action and
// route do that): refuse an address whose percent escapes do not decode, before
// the router fails on it; and tell the server components which page was asked
// for, so a signed-out visitor is sent to /login?next=<that address> and back.

const PAGE = /^\/(?!api\/|_next\/|favicon\.ico|login)/;

export function proxy(request: NextRequest) {
  const { pathname, search } = request.nextUrl;
  try {
    decodeURIComponent(pathname);
  } catch {
    const detail = "The address has a malformed percent escape.";
    if (pathname.startsWith("/api/")) {
      const body = { type: "https://concord.example/problems/invalid_input", title: "Invalid input", status: 400, detail, code: "invalid_input" };
      return NextResponse.json(body, { status: 400, headers: { "content-type": "application/problem+json" } });
    }
    return new NextResponse(detail, { status: 400, headers: { "content-type": "text/plain; charset=utf-8" } });
  }
  if (!PAGE.test(pathname)) return NextResponse.next();
  const headers = new Headers(request.headers);
  // Set on every page request, so a value the client sent is always replaced.
  headers.set(REQUESTED_PATH_HEADER, `${pathname}${search}`);
  return NextResponse.next({ request: { headers } });
}

// Pages always; API routes only when their path holds a percent escape, so the
// API's hot path pays nothing for this.
export const config = {
  matcher: ["/((?!_next/|favicon.ico|api/).*)", "/api/(.*%.*)"],
};
