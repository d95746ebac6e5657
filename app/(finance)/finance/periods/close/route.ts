import { z } from "zod";
import { can } from "@/lib/domain/roles";
import { isDomainError } from "@/lib/domain/errors";
import { currentUser } from "@/lib/server/session";
import { assertSameOrigin } from "@/lib/server/api/csrf";
import { databaseOutage } from "@/lib/server/api/problem";
import { submitEvent } from "@/lib/server/ledger/service";

const CloseSchema = z.object({
  // Year 0001 or later, as the ledger's own period.close input: PostgreSQL has no year 0.
  period: z.string().regex(/^[1-9][0-9]{3}-(0[1-9]|1[0-2])$/, "a month as YYYY-MM"),
  idempotencyKey: z.string().min(8).max(200),
});

type Line = { progress: { done: number; total: number } } | { done: { period: string } } | { error: { code: string; message: string } };

/**
 * Closes a month for the screen and reports its progress as it goes: one JSON
 * line per SKU valued, then the outcome. The close itself is the ledger's
 * period.close, posted as the signed-in user with the screen's idempotency key.
 */
export async function POST(request: Request) {
  let user: Awaited<ReturnType<typeof currentUser>>;
  try {
    user = await currentUser();
  } catch (error) {
    const outage = databaseOutage(error);
    if (!outage) throw error;
    const message = `The database is unavailable right now; nothing was closed. Try again in ${outage.retryAfter} seconds.`;
    return Response.json({ error: { code: "unavailable", message } }, { status: 503, headers: { "retry-after": String(outage.retryAfter) } });
  }
  if (!user) return Response.json({ error: { code: "unauthenticated", message: "Sign in to close a period." } }, { status: 401 });
  try {
    assertSameOrigin(request);
  } catch (error) {
    return Response.json({ error: { code: "forbidden", message: isDomainError(error) ? error.message : "Refused." } }, { status: 403 });
  }
  if (!can(user.role, "period.close")) return Response.json({ error: { code: "forbidden", message: "Closing a period belongs to Finance." } }, { status: 403 });
  const parsed = CloseSchema.safeParse(await request.json().catch(() => null));
  if (!parsed.success) return Response.json({ error: { code: "invalid_input", message: "Choose a month (YYYY-MM)." } }, { status: 400 });
  const { period, idempotencyKey } = parsed.data;
  const encoder = new TextEncoder();
  const body = new ReadableStream<Uint8Array>({
    async start(controller) {
      const send = (line: Line) => controller.enqueue(encoder.encode(`${JSON.stringify(line)}\n`));
      let last = 0;
      try {
        const event = { type: "period.close" as const, period };
        await submitEvent(user, event, `ui:${idempotencyKey}`, event, {
          onProgress: (done, total) => {
            // At most a few lines a second: the screen needs motion, not every SKU.
            if (done === total || Date.now() - last > 200) {
              last = Date.now();
              send({ progress: { done, total } });
            }
          },
        });
        send({ done: { period } });
      } catch (error) {
        const outage = databaseOutage(error);
        if (isDomainError(error)) send({ error: { code: error.code, message: error.message } });
        else if (outage) {
          // Whether the close committed is unknown: the form keeps its key, so trying again closes at most once.
          send({ error: { code: "unavailable", message: `The database is unavailable right now, so the close may not have been stored. Try again in ${outage.retryAfter} seconds.` } });
        } else {
          console.error("[finance] period close failed", error);
          send({ error: { code: "internal", message: "The close failed; nothing was stored. Try again." } });
        }
      }
      controller.close();
    },
  });
  return new Response(body, { headers: { "content-type": "application/x-ndjson; charset=utf-8", "cache-control": "no-store" } });
}
