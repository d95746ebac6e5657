import { NextResponse, type NextRequest } from "next/server";
import { REQUESTED_PATH_HEADER } from "@/lib/auth/next-path";

// The only job here: tell the server components which address was asked for, so
// a signed-out visitor is sent to /login?next=<that address> and comes back to it.
// Proxy never authorises; the area layouts and every action and route do.

export function proxy(request: NextRequest) {
  const headers = new Headers(request.headers);
  // Set on every page request, so a value the client sent is always replaced.
  headers.set(REQUESTED_PATH_HEADER, `${request.nextUrl.pathname}${request.nextUrl.search}`);
  return NextResponse.next({ request: { headers } });
}

export const config = {
  matcher: ["/((?!api/|_next/|favicon.ico|login).*)"],
};
