import { DomainError } from "@/lib/domain/errors";
import { authenticate, authorize } from "@/lib/server/api/auth";
import { databaseOutage, problem, problemFromError } from "@/lib/server/api/problem";
import { hub } from "@/lib/server/live/hub";
import { liveStream } from "@/lib/server/live/stream";

// A stream per browser tab: never cached, never prerendered.
export const dynamic = "force-dynamic";

const MAX_SKUS = 200;

const STREAM_HEADERS = {
  "content-type": "text/event-stream; charset=utf-8",
  "cache-control": "no-cache, no-transform",
  // Proxies such as nginx would otherwise hold events back in a buffer.
  "x-accel-buffering": "no",
};

/**
 * The answer when no stream can be opened: the database (or the LISTEN connection
 * to it) cannot serve. EventSource reconnects by itself; Retry-After tells other
 * clients when.
 */
function unavailable(error: unknown): Response {
  const outage = databaseOutage(error);
  if (outage) console.warn(`[live] cannot listen: database unavailable (${outage.cause})`);
  else console.error("[live] cannot listen", error);
  return problem(503, "unavailable", "Live updates are unavailable right now; try again shortly.", undefined, {
    "retry-after": String(outage?.retryAfter ?? 5),
  });
}

/**
 * GET /api/live — committed ledger groups as server-sent events, for the session
 * cookie or a bearer token. `?skus=A,B` narrows to those SKUs; `Last-Event-ID`
 * (or `?after=<seq>`) first replays what committed after that seq.
 */
export async function GET(request: Request): Promise<Response> {
  try {
    const actor = await authenticate(request);
    authorize(actor, "balances.read");
    const url = new URL(request.url);
    const stream = await liveStream({
      role: actor.role,
      skus: skusParam(url.searchParams.get("skus")),
      after: afterParam(request.headers.get("last-event-id") ?? url.searchParams.get("after")),
      signal: request.signal,
    }).catch((error: unknown) => unavailable(error));
    if (stream instanceof Response) return stream;
    return new Response(stream, { headers: { ...STREAM_HEADERS, connection: "keep-alive" } });
  } catch (error) {
    return problemFromError(error);
  }
}

/**
 * HEAD /api/live — whether a stream could be opened now, without opening one: the
 * LISTEN connection is in place (no round trip while it is) and the caller is
 * signed in. The error screen asks this to tell a database outage (503) from any
 * other failure. LISTEN is checked first because a session read that fails for an
 * outage comes back from next-auth as no session, a 401.
 */
export async function HEAD(request: Request): Promise<Response> {
  try {
    const unsubscribe = await hub().subscribe(() => {});
    unsubscribe();
  } catch (error) {
    return unavailable(error);
  }
  try {
    authorize(await authenticate(request), "balances.read");
  } catch (error) {
    return problemFromError(error);
  }
  return new Response(null, { headers: STREAM_HEADERS });
}

function skusParam(value: string | null): ReadonlySet<string> | null {
  if (value === null || !value.trim()) return null;
  // SKU codes are upper case (lib/domain/catalogue-input.ts); an address may not be.
  const codes = value.split(",").map((code) => code.trim().toUpperCase()).filter(Boolean);
  if (codes.length > MAX_SKUS || codes.some((code) => code.length > 100 || code.includes("\0"))) {
    throw new DomainError("invalid_input", `Name at most ${MAX_SKUS} SKU codes in 'skus', comma-separated.`, { skus: ["too many or too long"] });
  }
  return new Set(codes);
}

function afterParam(value: string | null): number | null {
  if (value === null || value === "") return null;
  if (!/^\d{1,15}$/.test(value.trim())) throw new DomainError("invalid_input", "'after' (or Last-Event-ID) is a ledger seq, a whole number.", { after: ["not a seq"] });
  return Number(value.trim());
}
